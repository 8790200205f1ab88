#include "app/schema_docs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kc::app {
namespace {

std::string ReadDoc(const std::string& name) {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/docs/" + name);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(SchemaDocs, FormatsMdMatchesTheDefinitions) {
    EXPECT_TRUE(ReadDoc("formats.md") == FormatsMarkdown())
        << "docs/formats.md is stale: run `kcluster schema docs --out docs`";
}

TEST(SchemaDocs, GlossaryMdMatchesTheDefinitions) {
    EXPECT_TRUE(ReadDoc("glossary.md") == GlossaryMarkdown())
        << "docs/glossary.md is stale: run `kcluster schema docs --out docs`";
}

TEST(SchemaDocs, FormatsDocumentTheSeedAndNeedColumns) {
    std::string formats = FormatsMarkdown();
    for (const char* column :
         {"`title`", "`abstract`", "`keywords`", "`field`", "`organization_id`", "`owner_id`",
          "`trl`", "`visibility`", "`description`", "`confidentiality`"}) {
        EXPECT_NE(formats.find(column), std::string::npos) << column;
    }
}

}  // namespace
}  // namespace kc::app
