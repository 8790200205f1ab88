#pragma once

// docs/formats.md and docs/glossary.md are generated from the entity definitions, so the
// documentation of every column, label and enum value is always what the code accepts. A test
// fails when the committed files differ from what these functions produce; regenerate them with
// `kcluster schema docs --out docs`.

#include <string>

namespace kc::app {

[[nodiscard]] std::string FormatsMarkdown();
[[nodiscard]] std::string GlossaryMarkdown();

}  // namespace kc::app
