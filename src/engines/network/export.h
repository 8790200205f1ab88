#pragma once

// GraphML and GEXF documents of a graph, for Gephi, Cytoscape, yEd or NetworkX.
//
// GraphML (http://graphml.graphdrawing.org/xmlns): an undirected <graph>, one <key> per node
// attribute (label, kind, every attribute name met on any node, in order of first appearance,
// then the numeric columns as double), `weight` (double) on edges; node ids are "n<index>",
// edge ids "e<index>". GEXF 1.3 (http://gexf.net/1.3): the same attributes under <attributes
// class="node">, the weight as the edge's `weight` attribute; when any node or edge has a start
// year the graph is dynamic (timeformat integer) and those elements carry start="<year>", so
// Gephi's timeline shows the network growing year by year.
//
// Text is XML-escaped (& < > " ') and characters XML 1.0 forbids (controls other than tab, line
// feed and carriage return) are dropped. Numbers are written with up to 17 significant digits,
// so they read back exactly. Pure functions; thread-safe.

#include <string>
#include <vector>

#include "engines/network/graph.h"

namespace kc::engines::network {

// A numeric node attribute computed outside the graph (betweenness, community, ...): one value
// per node.
struct NodeColumn {
    std::string name;
    std::vector<double> values;
};

struct ExportOptions {
    std::string title;  // GEXF <description>, GraphML <desc>
    std::vector<NodeColumn> columns;
};

// KC_CHECKs that every column has one value per node.
[[nodiscard]] std::string WriteGraphMl(const Graph& graph, const ExportOptions& options = {});
[[nodiscard]] std::string WriteGexf(const Graph& graph, const ExportOptions& options = {});

// `text` with the five XML special characters escaped and forbidden control characters dropped.
[[nodiscard]] std::string XmlEscape(const std::string& text);

}  // namespace kc::engines::network
