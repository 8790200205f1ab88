# Writes a C++ source holding every store/migrations/NNNN_*.sql file as a string, so the binary
# carries its schema. Run at build time: cmake -DMIGRATIONS_DIR=... -DOUTPUT=... -P this-file.
file(GLOB files RELATIVE "${MIGRATIONS_DIR}" "${MIGRATIONS_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "")
set(entries "")
foreach(file IN LISTS files)
    file(READ "${MIGRATIONS_DIR}/${file}" sql)
    string(SUBSTRING "${file}" 0 4 number)
    math(EXPR version "${number}")
    string(MAKE_C_IDENTIFIER "${file}" ident)
    string(APPEND body "constexpr const char k_${ident}[] = R\"kcsql(${sql})kcsql\";\n")
    string(APPEND entries "    {${version}, \"${file}\", k_${ident}},\n")
endforeach()
set(content "// Generated from store/migrations/*.sql by cmake/EmbedMigrations.cmake. Do not edit.
#include \"store/migrations.h\"

namespace kc::store {
namespace {
${body}
constexpr Migration kMigrations[] = {
${entries}};
}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace kc::store
")
if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" old)
    if(old STREQUAL content)
        return()
    endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
