#include "util/npy.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace kc {
namespace {

// A .npy file as numpy.save writes it: magic, version, header padded so that the data starts at
// a multiple of 64 bytes, then the elements.
std::string MakeNpy(const std::string& dict, const std::string& data, int major = 1) {
    std::string header = dict;
    const size_t prefix = major == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const size_t length = header.size();
    out += static_cast<char>(length & 0xff);
    out += static_cast<char>((length >> 8) & 0xff);
    if (major == 2) out += std::string(2, '\0');
    return out + header + data;
}

template <class T>
std::string Bytes(const std::vector<T>& values) {
    std::string out(values.size() * sizeof(T), '\0');
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}

TEST(Npy, ReadsCOrderFloat64Matrix) {
    // [[1, 2, 3], [4, 5, 6]] stored row by row.
    auto array = ParseNpy(MakeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                                  Bytes<double>({1, 2, 3, 4, 5, 6})),
                          "m.npy");
    ASSERT_TRUE(array.has_value()) << array.error().message;
    EXPECT_EQ(array->type, NpyArray::Type::kFloat64);
    EXPECT_EQ(array->shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(array->doubles, (std::vector<double>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(array->At(1, 0), 4.0);
}

TEST(Npy, TransposesFortranOrderIntoRowMajor) {
    // The same matrix stored column by column: 1 4 | 2 5 | 3 6.
    auto array = ParseNpy(MakeNpy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                                  Bytes<double>({1, 4, 2, 5, 3, 6})),
                          "m.npy");
    ASSERT_TRUE(array.has_value()) << array.error().message;
    EXPECT_EQ(array->doubles, (std::vector<double>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(array->At(0, 2), 3.0);
    EXPECT_EQ(array->At(1, 1), 5.0);
}

TEST(Npy, ReadsInt64VectorAndVersion2) {
    for (int major : {1, 2}) {
        auto array = ParseNpy(MakeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }",
                                      Bytes<int64_t>({3, -1, 0, int64_t{1} << 40}), major),
                              "v.npy");
        ASSERT_TRUE(array.has_value()) << array.error().message;
        EXPECT_EQ(array->type, NpyArray::Type::kInt64);
        EXPECT_EQ(array->shape, (std::vector<int64_t>{4}));
        EXPECT_EQ(array->ints, (std::vector<int64_t>{3, -1, 0, int64_t{1} << 40}));
    }
}

TEST(Npy, AcceptsKeysInAnyOrderAndEmptyArrays) {
    auto array = ParseNpy(
        MakeNpy("{\"shape\": (0, 5), \"fortran_order\": True, \"descr\": \"<f8\"}", ""), "e.npy");
    ASSERT_TRUE(array.has_value()) << array.error().message;
    EXPECT_EQ(array->Size(), 0);
    auto empty =
        ParseNpy(MakeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (0,), }", ""), "e.npy");
    ASSERT_TRUE(empty.has_value()) << empty.error().message;
    EXPECT_TRUE(empty->ints.empty());
}

TEST(Npy, ErrorsNameTheFileAndWhatIsWrong) {
    const std::string ok_dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
    struct Case {
        const char* name;
        std::string bytes;
        const char* expected;
    };
    const std::vector<Case> cases = {
        {"not npy", "hello, world", "x.npy: not a NumPy .npy file"},
        {"version",
         [] {
             std::string bytes = MakeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}",
                                         Bytes<double>({1, 2}));
             bytes[6] = 3;
             return bytes;
         }(),
         "x.npy: format version 3.0: expected 1.0 or 2.0"},
        {"dtype",
         MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                 Bytes<double>({1, 2})),
         "x.npy: dtype '<f4': expected '<f8' (float64) or '<i8' (int64)"},
        {"big endian",
         MakeNpy("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }",
                 Bytes<double>({1, 2})),
         "dtype '>f8'"},
        {"three dims",
         MakeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 2), }",
                 Bytes<double>({1, 2})),
         "x.npy: shape (1, 1, 2): expected 1 or 2 dimensions"},
        {"scalar",
         MakeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", Bytes<double>({1})),
         "x.npy: shape (): expected 1 or 2 dimensions"},
        {"short data", MakeNpy(ok_dict, Bytes<double>({1})),
         "x.npy: data is 8 bytes: expected 8 bytes × shape (2,) = 16"},
        {"huge shape",
         MakeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 100000000000)}",
                 Bytes<double>({1})),
         "x.npy: data is 8 bytes: expected 8 bytes × shape (100000000000, 100000000000)"},
        {"missing key", MakeNpy("{'descr': '<f8', 'shape': (2,), }", Bytes<double>({1, 2})),
         "x.npy: header: expected a 'fortran_order' key, found none"},
        {"bad bool",
         MakeNpy("{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }",
                 Bytes<double>({1, 2})),
         "expected True or False for 'fortran_order', got \"maybe"},
        {"unknown key", MakeNpy("{'descr': '<f8', 'colour': 'red'}", ""),
         "x.npy: header key 'colour': expected 'descr', 'fortran_order' or 'shape'"},
        {"bad shape",
         MakeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }",
                 Bytes<double>({1, 2})),
         "expected a non-negative integer extent in the shape"},
        {"truncated header", MakeNpy(ok_dict, Bytes<double>({1, 2})).substr(0, 30),
         "x.npy: truncated: the header says"},
    };
    for (const auto& test_case : cases) {
        auto array = ParseNpy(test_case.bytes, "x.npy");
        ASSERT_FALSE(array.has_value()) << test_case.name;
        EXPECT_NE(array.error().message.find(test_case.expected), std::string::npos)
            << test_case.name << ": " << array.error().message;
        EXPECT_EQ(array.error().code, ErrorCode::kInvalidArgument) << test_case.name;
    }
}

TEST(Npy, ReadNpyReportsAMissingFile) {
    auto array = ReadNpy("/nonexistent/dir/scores.npy");
    ASSERT_FALSE(array.has_value());
    EXPECT_NE(array.error().message.find("/nonexistent/dir/scores.npy"), std::string::npos);
}

}  // namespace
}  // namespace kc
