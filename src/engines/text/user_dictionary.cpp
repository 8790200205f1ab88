// CompileUserDictionary (declared in analyzer.h): writes a MeCab CSV and runs mecab-dict-index.

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engines/text/analyzer.h"

#ifndef KC_MECAB_DICDIR
#error "KC_MECAB_DICDIR must name the MeCab system dictionary (set by CMake)"
#endif
#ifndef KC_MECAB_DICT_INDEX
#error "KC_MECAB_DICT_INDEX must name the mecab-dict-index program (set by CMake)"
#endif

extern char** environ;

namespace kc::engines::text {
namespace {

// IPAdic's context id of 名詞,一般,*,*,*,*,* (left-id.def and right-id.def; the installed
// dictionary has no .def files, so the id is given explicitly), and a word cost below that of
// almost every IPAdic noun (技術 1183, 希少 5128, 糖 8899), so that MeCab prefers the entry to
// cutting it.
constexpr int kNounContextId = 1285;
constexpr int kEntryCost = 1000;
// Most output of the tool kept for an error message.
constexpr size_t kMaxToolOutput = 4096;

// MeCab's CSV has no escaping we want to rely on: fields must not contain these.
Status CheckField(std::string_view field, std::string_view what, size_t index) {
    for (char c : field) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == ',' || c == '"' || byte < 0x20 || byte == 0x7F) {
            return Fail(Error::InvalidArgument(fmt::format(
                "user dictionary entry {}: the {} must not contain a comma, a double quote or a "
                "control character, got \"{}\"",
                index + 1, what, field)));
        }
    }
    return {};
}

// Runs `argv` (argv[0] is the program path; no shell, no PATH search) and returns its exit
// status and its stdout and stderr together, truncated to kMaxToolOutput bytes.
Result<std::pair<int, std::string>> RunTool(const std::vector<std::string>& arguments) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return Fail(Error::Unavailable(fmt::format("cannot create a pipe: {}", strerror(errno))));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // dup2 clears close-on-exec on the copies; the originals close at exec.
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    std::vector<std::string> copies = arguments;
    std::vector<char*> argv;
    for (std::string& argument : copies) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawn_error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawn_error != 0) {
        close(pipe_fds[0]);
        return Fail(Error::Unavailable(
            fmt::format("cannot start {}: {}", arguments[0], strerror(spawn_error))));
    }
    std::string output;
    char buffer[4096];
    while (true) {
        const ssize_t count = read(pipe_fds[0], buffer, sizeof buffer);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) break;
        const size_t room = kMaxToolOutput - std::min(kMaxToolOutput, output.size());
        output.append(buffer, std::min(room, static_cast<size_t>(count)));
    }
    close(pipe_fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return Fail(Error::Internal(
                fmt::format("cannot wait for {}: {}", arguments[0], strerror(errno))));
        }
    }
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return std::pair{exit_code, std::move(output)};
}

}  // namespace

Result<std::string> CompileUserDictionary(
    const std::vector<std::pair<std::string, std::string>>& entries, const std::string& out_path,
    const std::string& dictionary_dir) {
    if (entries.empty()) {
        return Fail(Error::InvalidArgument("a user dictionary needs at least one entry, got none"));
    }
    if (out_path.empty()) {
        return Fail(Error::InvalidArgument("the user dictionary needs an output path, got \"\""));
    }
    std::string csv;
    for (size_t index = 0; index < entries.size(); ++index) {
        const auto& [surface, reading] = entries[index];
        // Folded like the analyzer's input, which is what MeCab sees.
        const std::string folded = FoldText(surface);
        if (folded.empty()) {
            return Fail(Error::InvalidArgument(
                fmt::format("user dictionary entry {}: the surface is empty", index + 1)));
        }
        KC_RETURN_IF_ERROR(CheckField(folded, "surface", index));
        KC_RETURN_IF_ERROR(CheckField(reading, "reading", index));
        const std::string_view yomi = reading.empty() ? std::string_view("*") : reading;
        csv += fmt::format("{},{},{},{},名詞,一般,*,*,*,*,{},{},{}\n", folded, kNounContextId,
                           kNounContextId, kEntryCost, folded, yomi, yomi);
    }
    const std::string csv_path = out_path + ".csv";
    {
        std::ofstream file(csv_path, std::ios::binary | std::ios::trunc);
        file << csv;
        file.close();
        if (!file) {
            return Fail(Error::Unavailable(fmt::format("cannot write \"{}\"", csv_path)));
        }
    }
    const std::string system_dir =
        dictionary_dir.empty() ? std::string(KC_MECAB_DICDIR) : dictionary_dir;
    std::error_code error;
    std::filesystem::remove(out_path, error);  // so that a failed run leaves no stale output
    KC_ASSIGN_OR_RETURN(auto result, RunTool({KC_MECAB_DICT_INDEX, "-d", system_dir, "-u", out_path,
                                              "-f", "utf-8", "-t", "utf-8", csv_path}));
    const auto& [exit_code, output] = result;
    if (exit_code != 0 || !std::filesystem::is_regular_file(out_path, error)) {
        return Fail(Error::Internal(
            fmt::format("{} failed (exit status {}): {}", KC_MECAB_DICT_INDEX, exit_code, output)));
    }
    return out_path;
}

}  // namespace kc::engines::text
