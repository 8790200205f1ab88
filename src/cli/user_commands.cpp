#include "cli/user_commands.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "cli/table.h"

namespace kc::cli {

namespace {

struct UserArgs {
    std::string login;
    std::vector<std::string> roles;
    int64_t person = 0;
    bool password_stdin = false;
};

// What each role is for, in both languages (architecture.md §5).
struct RoleDoc {
    core::Role role;
    const char* en;
    const char* ja;
};
constexpr RoleDoc kRoleDocs[] = {
    {core::Role::kAdmin, "administers accounts and everything else", "システム管理者"},
    {core::Role::kProgramOfficer, "programme office: calls, review, selection, grants",
     "文部科学省 事業担当者"},
    {core::Role::kReviewer, "reviews the proposals assigned to them", "審査委員"},
    {core::Role::kLocalGovernment, "proposes regions and follows its clusters",
     "地方自治体 担当者"},
    {core::Role::kHqDirector, "directs a cluster headquarters", "本部長"},
    {core::Role::kProgramManager, "runs a cluster's programme", "事業総括"},
    {core::Role::kResearchDirector, "directs a cluster's research", "研究統括"},
    {core::Role::kCoordinator, "matches seeds with needs (目利き)", "科学技術コーディネータ"},
    {core::Role::kAdviser, "advises HQ, e.g. as patent attorney", "アドバイザー (弁理士など)"},
    {core::Role::kResearcher, "university researcher: seeds and projects", "研究者"},
    {core::Role::kCompany, "company staff: needs and projects", "企業担当者"},
    {core::Role::kPublic, "read-only public information", "一般公開"},
};

Result<std::vector<core::Role>> ParseRoles(const std::vector<std::string>& names) {
    std::vector<core::Role> roles;
    for (const auto& list : names) {
        size_t start = 0;
        while (start <= list.size()) {
            size_t comma = list.find(',', start);
            if (comma == std::string::npos) comma = list.size();
            std::string name = list.substr(start, comma - start);
            if (!name.empty()) {
                auto role = core::ParseRole(name);
                if (!role) {
                    Error error = role.error();
                    error.message = "--role: " + error.message;
                    return Fail(std::move(error));
                }
                roles.push_back(*role);
            }
            start = comma + 1;
        }
    }
    if (roles.empty()) {
        return Fail(
            Error::InvalidArgument("--role: expected at least one role (see `kcluster "
                                   "user roles`)"));
    }
    return roles;
}

// A password read from stdin (first line), or a generated one to print once.
Result<std::pair<std::string, bool>> PasswordFor(const UserArgs& args) {
    if (args.password_stdin) {
        std::string line;
        if (!std::getline(std::cin, line)) {
            return Fail(Error::InvalidArgument("--password-stdin: expected a password on stdin"));
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return std::pair{line, false};
    }
    std::string password = app::GeneratePassword();
    return std::pair{password, true};
}

int RunAdd(const Globals& g, const UserArgs& args) {
    auto roles = ParseRoles(args.roles);
    if (!roles) return Report(g, roles.error());
    auto password = PasswordFor(args);
    if (!password) return Report(g, password.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::NewUser user{args.login, *roles, std::nullopt, password->first};
    if (args.person > 0) user.person_id = args.person;
    auto id = app::AddUser(**store, store::Actor{"cli:user"}, user);
    if (!id) return Report(g, id.error());
    if (g.json) {
        nlohmann::ordered_json out = {{"id", *id}, {"login", args.login}};
        if (password->second) out["password"] = password->first;
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    if (password->second) {
        WriteOut(fmt::format("{}\t{}\n", args.login, password->first));
        std::fprintf(stderr, "%s\n",
                     T(g, "added the user; its generated password is shown once above",
                       "ユーザーを追加しました。生成したパスワードは上に一度だけ表示されます")
                         .c_str());
    } else {
        std::fprintf(stderr, "%s\n",
                     (Ja(g) ? fmt::format("ユーザー {} を追加しました (id {})", args.login, *id)
                            : fmt::format("added user {} (id {})", args.login, *id))
                         .c_str());
    }
    return 0;
}

int RunPasswd(const Globals& g, const UserArgs& args) {
    auto password = PasswordFor(args);
    if (!password) return Report(g, password.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (auto set = app::SetPassword(**store, store::Actor{"cli:user"}, args.login, password->first);
        !set) {
        return Report(g, set.error());
    }
    if (password->second) WriteOut(fmt::format("{}\t{}\n", args.login, password->first));
    std::fprintf(stderr, "%s\n",
                 T(g, "password changed; the user's sessions have ended",
                   "パスワードを変更しました。このユーザーのセッションはすべて終了しました")
                     .c_str());
    return 0;
}

int RunRoles(const Globals& g, const UserArgs& args) {
    if (args.login.empty()) {  // the catalogue of roles
        if (g.json) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& doc : kRoleDocs) {
                out.push_back({{"role", core::RoleName(doc.role)}, {"en", doc.en}, {"ja", doc.ja}});
            }
            WriteOut(out.dump(2) + "\n");
            return 0;
        }
        Table table({T(g, "role", "ロール"), T(g, "for", "用途")});
        for (const auto& doc : kRoleDocs) {
            table.AddRow({core::RoleName(doc.role), Ja(g) ? doc.ja : doc.en});
        }
        WriteOut(table.Render(60));
        return 0;
    }
    auto roles = ParseRoles(args.roles);
    if (!roles) return Report(g, roles.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (auto set = app::SetRoles(**store, store::Actor{"cli:user"}, args.login, *roles); !set) {
        return Report(g, set.error());
    }
    std::fprintf(stderr, "%s\n", T(g, "roles changed", "ロールを変更しました").c_str());
    return 0;
}

int RunList(const Globals& g) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto users = app::ListUsers(**store);
    if (!users) return Report(g, users.error());
    auto role_list = [](const app::UserSummary& user) {
        std::string text;
        for (core::Role role : user.roles) {
            text += (text.empty() ? "" : ",") + std::string(core::RoleName(role));
        }
        return text;
    };
    if (g.json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& user : *users) {
            out.push_back({{"id", user.id},
                           {"login", user.login},
                           {"roles", role_list(user)},
                           {"person_id", user.person_id ? nlohmann::ordered_json(*user.person_id)
                                                        : nlohmann::ordered_json()},
                           {"disabled", user.disabled}});
        }
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    Table table(
        {"id", T(g, "login", "ログイン名"), T(g, "roles", "ロール"), T(g, "person", "人物")});
    for (const auto& user : *users) {
        table.AddRow({std::to_string(user.id), user.login, role_list(user),
                      user.person_id ? std::to_string(*user.person_id) : ""});
    }
    WriteOut(table.Render());
    return 0;
}

}  // namespace

void RegisterUserCommands(CLI::App& app, Globals& g, int& status) {
    auto args = std::make_shared<UserArgs>();
    auto* user =
        app.add_subcommand("user", "Accounts for the web platform: add, passwd, roles, list");
    user->require_subcommand(1);

    auto* add = user->add_subcommand(
        "add",
        "Add a user with one or more roles. Without --password-stdin a random password is "
        "generated and printed once. Passwords are stored only as Argon2id hashes.\nExample: "
        "kcluster user add tanaka --role coordinator --person 12\nExample: printf '%s\\n' "
        "\"$PW\" | kcluster user add sato --role program_officer --password-stdin");
    add->add_option("LOGIN", args->login, "Login name (a-z, 0-9, . _ @ -)")->required();
    add->add_option("--role", args->roles, "Role (repeatable or comma-separated; see `user roles`)")
        ->required();
    add->add_option("--person", args->person, "The person record this user is");
    add->add_flag("--password-stdin", args->password_stdin, "Read the password from stdin");
    add->callback([&g, &status, args] { status = RunAdd(g, *args); });

    auto* passwd = user->add_subcommand(
        "passwd",
        "Set a user's password (generated and printed once unless --password-stdin); ends the "
        "user's sessions.\nExample: kcluster user passwd tanaka --password-stdin < pw.txt");
    passwd->add_option("LOGIN", args->login, "Login name")->required();
    passwd->add_flag("--password-stdin", args->password_stdin, "Read the password from stdin");
    passwd->callback([&g, &status, args] { status = RunPasswd(g, *args); });

    auto* roles = user->add_subcommand(
        "roles",
        "Without LOGIN: the roles and what each is for. With LOGIN and --role: replace that "
        "user's roles.\nExample: kcluster user roles\nExample: kcluster user roles tanaka --role "
        "coordinator,adviser");
    roles->add_option("LOGIN", args->login, "Login name");
    roles->add_option("--role", args->roles, "The new roles (repeatable or comma-separated)");
    roles->callback([&g, &status, args] { status = RunRoles(g, *args); });

    user->add_subcommand("list",
                         "List the users and their roles.\nExample: kcluster user list --json")
        ->callback([&g, &status] { status = RunList(g); });
}

}  // namespace kc::cli
