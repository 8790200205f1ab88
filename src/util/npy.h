#pragma once

// A reader for NumPy .npy files (format versions 1.0 and 2.0), enough for benchmark data such as
// affinity matrices: little-endian float64 ('<f8') or int64 ('<i8'), C or Fortran order, 1-D or
// 2-D. Errors name the file and what was expected and found.
//
// Format (numpy.lib.format): the magic "\x93NUMPY", major and minor version bytes, the header
// length (uint16 little-endian in 1.0, uint32 in 2.0), an ASCII Python dict literal such as
// {'descr': '<f8', 'fortran_order': True, 'shape': (177, 118), } padded with spaces and '\n',
// then the raw elements.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace kc {

struct NpyArray {
    enum class Type { kFloat64, kInt64 };

    Type type = Type::kFloat64;
    std::vector<int64_t> shape;   // one or two extents
    std::vector<double> doubles;  // kFloat64: the elements in row-major (C) order
    std::vector<int64_t> ints;    // kInt64: the elements in row-major (C) order

    [[nodiscard]] int64_t Size() const;
    // Element (row, col) of a 2-D float64 array; element row of a 1-D one (col 0).
    [[nodiscard]] double At(int64_t row, int64_t col = 0) const;
};

// Parses the bytes of a .npy file; `name` (usually the path) prefixes error messages.
// Fortran-order data is transposed into row-major order.
[[nodiscard]] Result<NpyArray> ParseNpy(std::string_view bytes, std::string_view name);

// Reads and parses the .npy file at `path`.
[[nodiscard]] Result<NpyArray> ReadNpy(const std::string& path);

}  // namespace kc
