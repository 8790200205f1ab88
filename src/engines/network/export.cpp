#include "engines/network/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace kc::engines::network {
namespace {

std::string Number(double value) {
    if (!std::isfinite(value)) return "0";
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        return fmt::format("{}", static_cast<int64_t>(value));
    }
    return fmt::format("{}", value);  // shortest representation that reads back exactly
}

// Attribute names in order of first appearance over the nodes.
std::vector<std::string> AttributeNames(const Graph& graph) {
    std::vector<std::string> names;
    for (const auto& node : graph.Nodes()) {
        for (const auto& [name, value] : node.attributes) {
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
    }
    return names;
}

void CheckColumns(const Graph& graph, const ExportOptions& options) {
    for (const auto& column : options.columns) {
        KC_CHECK(column.values.size() == graph.NodeCount(), "export: one value per node");
    }
}

bool Dynamic(const Graph& graph) {
    return std::any_of(graph.Nodes().begin(), graph.Nodes().end(),
                       [](const Node& n) { return n.start.has_value(); }) ||
           std::any_of(graph.Edges().begin(), graph.Edges().end(),
                       [](const Edge& e) { return e.start.has_value(); });
}

}  // namespace

std::string XmlEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        auto byte = static_cast<unsigned char>(ch);
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                if (byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
                if (byte == 0x7f) break;
                out += ch;
        }
    }
    return out;
}

std::string WriteGraphMl(const Graph& graph, const ExportOptions& options) {
    CheckColumns(graph, options);
    auto names = AttributeNames(graph);
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    out += "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";
    out += "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n";
    out += "  <key id=\"start\" for=\"all\" attr.name=\"start\" attr.type=\"int\"/>\n";
    for (size_t a = 0; a < names.size(); ++a) {
        out +=
            fmt::format("  <key id=\"a{}\" for=\"node\" attr.name=\"{}\" attr.type=\"string\"/>\n",
                        a, XmlEscape(names[a]));
    }
    for (size_t c = 0; c < options.columns.size(); ++c) {
        out +=
            fmt::format("  <key id=\"c{}\" for=\"node\" attr.name=\"{}\" attr.type=\"double\"/>\n",
                        c, XmlEscape(options.columns[c].name));
    }
    out += "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n";
    out += "  <graph id=\"G\" edgedefault=\"undirected\">\n";
    if (!options.title.empty()) out += "    <desc>" + XmlEscape(options.title) + "</desc>\n";
    for (NodeIndex v = 0; v < graph.NodeCount(); ++v) {
        const Node& node = graph.NodeAt(v);
        out += fmt::format("    <node id=\"n{}\">\n", v);
        out += "      <data key=\"label\">" + XmlEscape(node.label) + "</data>\n";
        out += "      <data key=\"kind\">" + XmlEscape(node.kind) + "</data>\n";
        if (node.start) out += fmt::format("      <data key=\"start\">{}</data>\n", *node.start);
        for (size_t a = 0; a < names.size(); ++a) {
            for (const auto& [name, value] : node.attributes) {
                if (name == names[a]) {
                    out += fmt::format("      <data key=\"a{}\">{}</data>\n", a, XmlEscape(value));
                }
            }
        }
        for (size_t c = 0; c < options.columns.size(); ++c) {
            out += fmt::format("      <data key=\"c{}\">{}</data>\n", c,
                               Number(options.columns[c].values[v]));
        }
        out += "    </node>\n";
    }
    for (size_t i = 0; i < graph.EdgeCount(); ++i) {
        const Edge& e = graph.Edges()[i];
        out += fmt::format("    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">\n", i, e.source,
                           e.target);
        out += fmt::format("      <data key=\"weight\">{}</data>\n", Number(e.weight));
        if (e.start) out += fmt::format("      <data key=\"start\">{}</data>\n", *e.start);
        out += "    </edge>\n";
    }
    out += "  </graph>\n</graphml>\n";
    return out;
}

std::string WriteGexf(const Graph& graph, const ExportOptions& options) {
    CheckColumns(graph, options);
    auto names = AttributeNames(graph);
    bool dynamic = Dynamic(graph);
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<gexf xmlns=\"http://gexf.net/1.3\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
        "version=\"1.3\">\n";
    out += "  <meta>\n    <creator>kcluster</creator>\n";
    if (!options.title.empty()) {
        out += "    <description>" + XmlEscape(options.title) + "</description>\n";
    }
    out += "  </meta>\n";
    out += dynamic ? "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" "
                     "timeformat=\"integer\">\n"
                   : "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n";
    out += "    <attributes class=\"node\">\n";
    out += "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n";
    for (size_t a = 0; a < names.size(); ++a) {
        out += fmt::format("      <attribute id=\"a{}\" title=\"{}\" type=\"string\"/>\n", a,
                           XmlEscape(names[a]));
    }
    for (size_t c = 0; c < options.columns.size(); ++c) {
        out += fmt::format("      <attribute id=\"c{}\" title=\"{}\" type=\"double\"/>\n", c,
                           XmlEscape(options.columns[c].name));
    }
    out += "    </attributes>\n    <nodes>\n";
    for (NodeIndex v = 0; v < graph.NodeCount(); ++v) {
        const Node& node = graph.NodeAt(v);
        out += fmt::format("      <node id=\"n{}\" label=\"{}\"", v, XmlEscape(node.label));
        if (node.start) out += fmt::format(" start=\"{}\"", *node.start);
        out += ">\n        <attvalues>\n";
        out += "          <attvalue for=\"kind\" value=\"" + XmlEscape(node.kind) + "\"/>\n";
        for (size_t a = 0; a < names.size(); ++a) {
            for (const auto& [name, value] : node.attributes) {
                if (name == names[a]) {
                    out += fmt::format("          <attvalue for=\"a{}\" value=\"{}\"/>\n", a,
                                       XmlEscape(value));
                }
            }
        }
        for (size_t c = 0; c < options.columns.size(); ++c) {
            out += fmt::format("          <attvalue for=\"c{}\" value=\"{}\"/>\n", c,
                               Number(options.columns[c].values[v]));
        }
        out += "        </attvalues>\n      </node>\n";
    }
    out += "    </nodes>\n    <edges>\n";
    for (size_t i = 0; i < graph.EdgeCount(); ++i) {
        const Edge& e = graph.Edges()[i];
        out += fmt::format("      <edge id=\"e{}\" source=\"n{}\" target=\"n{}\" weight=\"{}\"", i,
                           e.source, e.target, Number(e.weight));
        if (e.start) out += fmt::format(" start=\"{}\"", *e.start);
        out += "/>\n";
    }
    out += "    </edges>\n  </graph>\n</gexf>\n";
    return out;
}

}  // namespace kc::engines::network
