# Shared compile settings and helpers for kcluster modules.
#
# kc_add_module(NAME SOURCES ... DEPS ...) declares one library per folder under src/. DEPS lists
# exactly the layer edges of ARCHITECTURE.md ("may use"); anything else fails to link.
# kc_add_tests(NAME SOURCES ... DEPS ...) declares one GoogleTest executable registered with CTest.

set(KC_WARNINGS -Wall -Wextra -Wpedantic -Wshadow)
if(KC_WERROR)
    list(APPEND KC_WARNINGS -Werror)
endif()

if(KC_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

function(kc_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
    add_library(kc_${name} STATIC ${ARG_SOURCES})
    target_include_directories(kc_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_compile_options(kc_${name} PRIVATE ${KC_WARNINGS})
    target_link_libraries(kc_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# With POSTGRES, the tests whose suite name starts with Postgres (the Postgres/... half of the
# contract suites, store/test_database.h, and suites such as PostgresCli) are labelled `postgres`; they skip with a message when
# KC_TEST_PG is unset, which `make test` never leaves unset.
function(kc_add_tests name)
    cmake_parse_arguments(ARG "POSTGRES" "" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_compile_options(${name} PRIVATE ${KC_WARNINGS})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
    target_compile_definitions(${name} PRIVATE KC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    if(ARG_POSTGRES)
        target_link_libraries(${name} PRIVATE PkgConfig::PQXX SQLite::SQLite3)
        gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_FILTER "-Postgres*")
        gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_FILTER "Postgres*"
                             PROPERTIES LABELS postgres)
    else()
        gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
    endif()
endfunction()

function(kc_add_bench name)
    if(NOT KC_BUILD_BENCHMARKS)
        return()
    endif()
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_compile_options(${name} PRIVATE ${KC_WARNINGS})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
endfunction()
