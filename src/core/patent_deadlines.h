#pragma once

// Statutory deadlines derived from a patent application's dates, so that HQ staff and patent
// attorney advisers see what is due. The rules encoded (Japanese Patent Act and PCT):
//  - examination request (審査請求) at the JPO: within 3 years of the filing date (Patent Act
//    Art. 48-3; for applications filed on or after 1 October 2001);
//  - Paris Convention priority: foreign applications within 12 months of the priority date;
//  - PCT national phase entry: 30 months from the priority date (PCT Art. 22; JP);
//  - publication (出願公開): 18 months from the priority date (Patent Act Art. 64).
// "Priority date" is the priority_date if given, else the filing date.

#include <string>
#include <vector>

#include "core/entities.h"

namespace kc::core {

struct Deadline {
    std::string key;       // "examination_request", "paris_priority", "pct_national_phase", ...
    std::string label_ja;  // 審査請求期限
    std::string label_en;
    Date due;
};

// The deadlines that apply to `application` in its current status, earliest first. An abandoned,
// withdrawn, refused or granted application has none.
[[nodiscard]] std::vector<Deadline> PatentDeadlines(const PatentApplication& application);

}  // namespace kc::core
