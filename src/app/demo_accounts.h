#pragma once

// Sign-in accounts for the demo programme: one per role, each linked to a demo person who holds
// that role in the data (the director, coordinator and patent attorney of the first cluster's HQ,
// a reviewer of the 2002 call, a researcher at a university, a company engineer). Passwords are
// random, returned once to be printed, and never stored in clear or fixed in code.

#include <optional>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "store/store.h"

namespace kc::app {

struct DemoAccount {
    std::string login;  // demo-<role>
    core::Role role;
    std::optional<core::Id> person_id;
    std::string password;
};

[[nodiscard]] Result<std::vector<DemoAccount>> CreateDemoAccounts(store::Store& store,
                                                                  const AccountPolicy& policy = {});

}  // namespace kc::app
