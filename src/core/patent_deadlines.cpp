#include "core/patent_deadlines.h"

#include <algorithm>

namespace kc::core {

std::vector<Deadline> PatentDeadlines(const PatentApplication& application) {
    std::vector<Deadline> deadlines;
    const std::string& status = application.status;
    if (status == "abandoned" || status == "withdrawn" || status == "refused" ||
        status == "granted") {
        return deadlines;
    }
    Date priority = application.priority_date.value_or(application.filing_date);
    if (status == "filed") {
        deadlines.push_back({"publication", "出願公開", "Publication (18 months from priority)",
                             AddMonths(priority, 18)});
        if (application.office == "jp") {
            deadlines.push_back({"examination_request", "審査請求期限",
                                 "Examination request (3 years from filing)",
                                 AddYears(application.filing_date, 3)});
            deadlines.push_back({"paris_priority", "パリ条約優先権主張期限",
                                 "Foreign filing with Paris priority (12 months)",
                                 AddMonths(priority, 12)});
        }
        if (application.office == "pct") {
            deadlines.push_back({"pct_national_phase", "国内移行期限",
                                 "PCT national phase entry (30 months from priority)",
                                 AddMonths(priority, 30)});
        }
    }
    std::sort(deadlines.begin(), deadlines.end(),
              [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
    return deadlines;
}

}  // namespace kc::core
