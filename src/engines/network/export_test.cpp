#include "engines/network/export.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "engines/network/test_graphs.h"

namespace kc::engines::network {
namespace {

// A minimal XML well-formedness check: one root, balanced start and end tags, quoted
// attributes, no raw '<' or '&' in text or attribute values except the five entities. Counts
// the start tags by name in `tags`.
bool WellFormed(const std::string& xml, std::map<std::string, int>& tags, std::string& problem) {
    std::vector<std::string> stack;
    size_t i = 0;
    int roots = 0;
    auto entity_ok = [&](size_t at) {
        for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
            if (xml.compare(at, std::char_traits<char>::length(e), e) == 0) return true;
        }
        return false;
    };
    while (i < xml.size()) {
        if (xml[i] == '&' && !entity_ok(i)) {
            problem = "bare & at " + std::to_string(i);
            return false;
        }
        if (xml[i] != '<') {
            ++i;
            continue;
        }
        if (xml.compare(i, 2, "<?") == 0) {
            i = xml.find("?>", i) + 2;
            continue;
        }
        size_t end = i + 1;
        char quote = 0;
        for (; end < xml.size(); ++end) {
            char c = xml[end];
            if (quote != 0) {
                if (c == quote) quote = 0;
                if (c == '<') {
                    problem = "< inside an attribute at " + std::to_string(end);
                    return false;
                }
                if (c == '&' && !entity_ok(end)) {
                    problem = "bare & in an attribute at " + std::to_string(end);
                    return false;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            } else if (c == '<') {
                problem = "< inside a tag at " + std::to_string(end);
                return false;
            }
        }
        if (end >= xml.size()) {
            problem = "unterminated tag";
            return false;
        }
        std::string tag = xml.substr(i + 1, end - i - 1);
        bool closing = tag[0] == '/';
        bool empty = tag.back() == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" /\n"));
        if (closing) {
            if (stack.empty() || stack.back() != name) {
                problem = "</" + name + "> does not close the open element";
                return false;
            }
            stack.pop_back();
        } else {
            if (stack.empty()) ++roots;
            ++tags[name];
            if (!empty) stack.push_back(name);
        }
        i = end + 1;
    }
    if (!stack.empty()) problem = "unclosed <" + stack.back() + ">";
    if (roots != 1) problem = "expected one root element, got " + std::to_string(roots);
    return stack.empty() && roots == 1;
}

Graph Awkward() {
    GraphBuilder b;
    Node a = MakeNode("a", "R&D <東北> \"大学\" 'x'\x01", "organization");
    a.attributes = {{"category", "university"}, {"region", "inside"}};
    a.start = 2003;
    Node c = MakeNode("c", "株式会社 A&B", "organization");
    c.attributes = {{"category", "company"}};
    (void)b.AddNode(a);
    (void)b.AddNode(c);
    (void)b.AddNode(MakeNode("d", "d", "person"));
    (void)b.AddEdge("a", "c", 2.5, 2004);
    (void)b.AddEdge("c", "d", 1);
    return b.Build();
}

TEST(NetworkExport, EscapesText) {
    EXPECT_EQ(XmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    EXPECT_EQ(XmlEscape("tab\tok\x01\x7f"), "tab\tok");
    EXPECT_EQ(XmlEscape("東北大学"), "東北大学");
}

TEST(NetworkExport, GraphMlIsWellFormedWithAttributesAndWeights) {
    Graph g = Awkward();
    ExportOptions options;
    options.title = "cluster <1>";
    options.columns = {{"betweenness", {0.5, 1.0 / 3.0, 0}}};
    std::string xml = WriteGraphMl(g, options);
    std::map<std::string, int> tags;
    std::string problem;
    ASSERT_TRUE(WellFormed(xml, tags, problem)) << problem << "\n" << xml;
    EXPECT_EQ(tags["graphml"], 1);
    EXPECT_EQ(tags["node"], 3);
    EXPECT_EQ(tags["edge"], 2);
    EXPECT_EQ(tags["key"], 7);  // label, kind, start, category, region, betweenness, weight
    EXPECT_NE(xml.find("R&amp;D &lt;東北&gt; &quot;大学&quot; &apos;x&apos;</data>"),
              std::string::npos);
    EXPECT_NE(xml.find("<data key=\"weight\">2.5</data>"), std::string::npos);
    EXPECT_NE(xml.find("0.3333333333333333"), std::string::npos);  // reads back exactly
    EXPECT_NE(xml.find("edgedefault=\"undirected\""), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(NetworkExport, GexfIsWellFormedAndDynamicWhenStartsAreKnown) {
    Graph g = Awkward();
    std::string xml = WriteGexf(g, {.title = "t", .columns = {{"community", {0, 0, 1}}}});
    std::map<std::string, int> tags;
    std::string problem;
    ASSERT_TRUE(WellFormed(xml, tags, problem)) << problem << "\n" << xml;
    EXPECT_EQ(tags["gexf"], 1);
    EXPECT_EQ(tags["node"], 3);
    EXPECT_EQ(tags["edge"], 2);
    EXPECT_EQ(tags["attribute"], 4);  // kind, category, region, community
    EXPECT_NE(xml.find("mode=\"dynamic\""), std::string::npos);
    EXPECT_NE(xml.find("weight=\"2.5\" start=\"2004\""), std::string::npos);
    EXPECT_NE(xml.find("label=\"株式会社 A&amp;B\""), std::string::npos);

    // Without starts the graph is static; the karate club exports whole.
    std::string karate = WriteGexf(testing::KarateClub());
    tags.clear();
    ASSERT_TRUE(WellFormed(karate, tags, problem)) << problem;
    EXPECT_EQ(tags["node"], 34);
    EXPECT_EQ(tags["edge"], 78);
    EXPECT_NE(karate.find("mode=\"static\""), std::string::npos);
    std::string graphml = WriteGraphMl(testing::KarateClub());
    tags.clear();
    ASSERT_TRUE(WellFormed(graphml, tags, problem)) << problem;
    EXPECT_EQ(tags["edge"], 78);
}

}  // namespace
}  // namespace kc::engines::network
