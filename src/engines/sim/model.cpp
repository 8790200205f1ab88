// The month loop of the cluster model (sim.h), the Monte Carlo runner and the aggregation.

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engines/sim/sim.h"

namespace kc::engines::sim {
namespace {

// splitmix64's finaliser: a bijective mix of 64 bits.
uint64_t Mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// xoshiro256** (Blackman & Vigna), seeded by splitmix64 from (seed, run, cluster). Only raw
// outputs and our own conversions are used, so streams do not depend on the standard library's
// distributions.
class Rng {
  public:
    void Seed(uint64_t seed, uint64_t run, uint64_t cluster) {
        uint64_t x = Mix(Mix(Mix(seed) ^ run) ^ (cluster * 0xd1b54a32d192ed03ULL));
        for (auto& word : state_) {
            x += 0x9e3779b97f4a7c15ULL;
            word = Mix(x);
        }
    }
    uint64_t Next() {
        const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
        const uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = Rotl(state_[3], 45);
        return result;
    }
    // Uniform in [0, 1) with 53 bits.
    double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    bool Chance(double p) { return Uniform() < p; }
    // Uniform integer in [0, n), n >= 1 (multiply-shift; the bias is below 2^-32 for our n).
    uint32_t Below(uint32_t n) {
        return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
    }
    // Poisson(mean) by Knuth's product of uniforms; a mean above 30 is split into parts of at
    // most 30 (a sum of independent Poisson variables is Poisson), so exp(-part) never
    // underflows.
    int Poisson(double mean) {
        int count = 0;
        while (mean > 0) {
            const double part = std::min(mean, 30.0);
            mean -= part;
            const double limit = std::exp(-part);
            double product = Uniform();
            while (product > limit) {
                ++count;
                product *= Uniform();
            }
        }
        return count;
    }

  private:
    static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t state_[4] = {};
};

// Topical fit of two positions on the unit circle: 1 at the same place, 0 opposite.
float Fit(float a, float b) {
    float d = std::fabs(a - b);
    if (d > 0.5f) d = 1.0f - d;
    return 1.0f - 2.0f * d;
}

constexpr uint8_t kIntroduced = 0, kFeasibility = 1, kProject = 2;
constexpr uint16_t kForum = 0xffff;  // pipe.coordinator of a forum introduction

// An open researcher–company pair moving through introduction → feasibility test → project.
struct Pipe {
    uint16_t researcher = 0, company = 0, coordinator = 0;
    uint8_t stage = kIntroduced;
    int16_t months_left = 0;
    float fit = 0;
};

// One cluster's agents, struct-of-arrays. Reset() sizes every array for a run; Step() never
// allocates.
class ClusterState {
  public:
    void Reset(const SimConfig& config, int cluster_index, uint64_t seed, int run) {
        config_ = &config;
        spec_ = &config.clusters[static_cast<size_t>(cluster_index)];
        const ModelParams& m = config.model;
        rng_.Seed(seed, static_cast<uint64_t>(run), static_cast<uint64_t>(cluster_index));
        n_r_ = spec_->researchers;
        n_c_cap_ = spec_->companies + spec_->outside_pool;
        n_k_ = spec_->coordinators;

        r_topic_.resize(static_cast<size_t>(n_r_));
        r_seeds_.resize(static_cast<size_t>(n_r_));
        for (int r = 0; r < n_r_; ++r) {
            r_topic_[static_cast<size_t>(r)] = static_cast<float>(rng_.Uniform());
            r_seeds_[static_cast<size_t>(r)] =
                static_cast<uint16_t>(std::min(m.max_seeds, rng_.Poisson(spec_->initial_seeds)));
        }
        c_topic_.resize(static_cast<size_t>(n_c_cap_));
        c_absorb_.resize(static_cast<size_t>(n_c_cap_));
        c_sme_.resize(static_cast<size_t>(n_c_cap_));
        c_outside_.resize(static_cast<size_t>(n_c_cap_));
        active_.resize(static_cast<size_t>(n_c_cap_));
        const int outside_start =
            static_cast<int>(std::lround(spec_->companies * (1.0 - spec_->outside_firm_share)));
        for (int c = 0; c < n_c_cap_; ++c) {
            auto i = static_cast<size_t>(c);
            c_topic_[i] = static_cast<float>(rng_.Uniform());
            c_outside_[i] = c >= outside_start ? 1 : 0;
            c_sme_[i] = rng_.Chance(c_outside_[i] ? m.outside_sme_share : spec_->sme_share) ? 1 : 0;
            // Judgement: SMEs absorb less (Cohen & Levinthal); uniform in [0.2, 0.6) vs [0.5, 1).
            c_absorb_[i] = static_cast<float>(c_sme_[i] ? 0.2 + 0.4 * rng_.Uniform()
                                                        : 0.5 + 0.5 * rng_.Uniform());
            active_[i] = static_cast<uint16_t>(c);
        }
        n_active_ = spec_->companies;

        k_load_.assign(static_cast<size_t>(n_k_), 0.0f);
        trust_.assign(static_cast<size_t>(n_r_) * static_cast<size_t>(n_c_cap_), 0.0f);
        open_pair_.assign(trust_.size(), 0);
        ties_ = 0;
        if (n_active_ > 0 && n_r_ > 0) {
            for (int j = 0; j < spec_->initial_ties; ++j) {
                size_t pair = PairIndex(static_cast<int>(rng_.Below(static_cast<uint32_t>(n_r_))),
                                        active_[rng_.Below(static_cast<uint32_t>(n_active_))]);
                if (trust_[pair] == 0.0f) ++ties_;
                trust_[pair] = static_cast<float>(m.trust_introduction);
            }
        }

        pipes_.resize(static_cast<size_t>(std::max(64, 2 * (n_r_ + n_c_cap_))));
        n_pipes_ = 0;
        comm_due_.assign(static_cast<size_t>(config.months + m.lag_max_months + 1), 0);
        success_.assign(static_cast<size_t>(config.months), 0);
        recent_success_ = 0;

        trial_ = spec_->kind == ClusterKind::kTrial;
        full_from_ = trial_ ? -1 : 0;
        merit_ = 0;
        budget_ = remaining_ = 0;
        fixed_per_month_ = 0;
        fixed_reserved_ = project_committed_ = 0;
        project_cost_month_ = m.project_cost_per_year / 12;
    }

    [[nodiscard]] bool InTrial() const { return trial_ && full_from_ < 0; }
    [[nodiscard]] double Merit() const { return merit_; }
    void Promote(int month) { full_from_ = month; }

    // At the first month of a fiscal year: the year's budget, fixed costs reserved, and running
    // projects the year's budget cannot carry terminated.
    void StartFiscalYear(int month) {
        const SimConfig& c = *config_;
        const int funded_months = c.funded_years * 12;
        funding_end_ = full_from_ >= 0 ? full_from_ + funded_months : funded_months;
        if (full_from_ >= 0 && month < funding_end_) {
            budget_ = spec_->budget_per_year;
        } else if (InTrial() && month < funding_end_) {
            budget_ = spec_->trial_budget_per_year;
        } else {
            budget_ = 0;
        }
        remaining_ = budget_;
        // The HQ keeps only the coordinators the year's budget can pay after its overhead.
        const int64_t overhead =
            static_cast<int64_t>(static_cast<double>(budget_) * c.model.hq_overhead_share) / 12;
        const int64_t coordinator_month = c.model.coordinator_cost_per_year / 12;
        coordinators_active_ = budget_ > 0 ? n_k_ : 0;
        if (coordinator_month > 0) {
            const int64_t affordable = (budget_ / 12 - overhead) / coordinator_month;
            coordinators_active_ =
                static_cast<int>(std::clamp<int64_t>(affordable, 0, coordinators_active_));
        }
        fixed_per_month_ = overhead + coordinators_active_ * coordinator_month;
        const int months_in_year = std::min(12, c.months - month);
        fixed_reserved_ = fixed_per_month_ * months_in_year;
        project_committed_ = 0;
        for (int i = 0; i < n_pipes_;) {
            Pipe& pipe = pipes_[static_cast<size_t>(i)];
            if (pipe.stage == kProject) {
                int64_t need =
                    project_cost_month_ * std::min<int>(pipe.months_left, months_in_year);
                if (Free() < need) {
                    Remove(i);  // terminated: the year's budget cannot carry it
                    continue;
                }
                project_committed_ += need;
            }
            ++i;
        }
    }

    // One month. `kpi_year` points at this fiscal year's column: kpi_year[kpi * stride].
    int64_t Step(int month, double* kpi_year, int stride) {
        const ModelParams& m = config_->model;
        auto add = [&](Kpi kpi, double value) {
            kpi_year[static_cast<size_t>(static_cast<int>(kpi) * stride)] += value;
        };
        // Fixed costs of the month (HQ overhead and coordinators).
        Pay(fixed_per_month_, kpi_year, stride);
        fixed_reserved_ -= fixed_per_month_;

        // Researchers: own seeds come and go. One 64-bit draw gives both uniforms.
        const auto seed_rate = static_cast<uint32_t>(m.own_seed_rate * 4294967296.0);
        const double stale_scale = m.seed_obsolescence * 4294967296.0;
        const auto max_seeds = static_cast<uint16_t>(m.max_seeds);
        for (int r = 0; r < n_r_; ++r) {
            uint64_t bits = rng_.Next();
            uint16_t& seeds = r_seeds_[static_cast<size_t>(r)];
            if (static_cast<uint32_t>(bits) < seed_rate && seeds < max_seeds) ++seeds;
            if (static_cast<double>(bits >> 32) < stale_scale * seeds) --seeds;
        }
        // Companies: a need may move to a new topic.
        for (int j = 0; j < n_active_; ++j) {
            if (rng_.Chance(m.need_drift)) {
                c_topic_[active_[static_cast<size_t>(j)]] = static_cast<float>(rng_.Uniform());
            }
        }

        AdvancePipes(month, kpi_year, stride);

        // Commercialisations falling due, and the 12-month success window.
        const int due = comm_due_[static_cast<size_t>(month)];
        add(Kpi::kCommercialisations, due);
        success_[static_cast<size_t>(month)] += due;
        recent_success_ += due;
        if (month >= 12) recent_success_ -= success_[static_cast<size_t>(month - 12)];

        // Agglomeration: success attracts outside firms.
        double attract =
            std::min(m.attract_max, m.attract_base + m.attract_per_success * recent_success_);
        if (n_active_ < n_c_cap_ && rng_.Chance(attract)) {
            ++n_active_;  // active_[n_active_ - 1] is the next dormant outside firm
            add(Kpi::kOutsideFirmsAttracted, 1);
        }

        // Coordinators scan within the time their open pairs leave them.
        for (int k = 0; k < coordinators_active_; ++k) {
            double capacity = m.scans_per_coordinator - k_load_[static_cast<size_t>(k)];
            if (capacity <= 0) continue;
            int scans = static_cast<int>(capacity);
            if (rng_.Chance(capacity - scans)) ++scans;
            for (int s = 0; s < scans; ++s) Scan(static_cast<uint16_t>(k), kpi_year, stride);
        }

        // Forums.
        const int interval = config_->forum_interval_months;
        if (interval > 0 && budget_ > 0 && month % interval == interval - 1 &&
            Free() >= m.forum_cost) {
            Pay(m.forum_cost, kpi_year, stride);
            Forum(kpi_year, stride);
        }

        // Stocks at the end of the fiscal year (or of the horizon).
        if (month % 12 == 11 || month == config_->months - 1) {
            add(Kpi::kTies, ties_);
            add(Kpi::kParticipatingFirms, n_active_);
        }
        return n_r_ + n_active_ + coordinators_active_;
    }

  private:
    [[nodiscard]] size_t PairIndex(int r, int c) const {
        return static_cast<size_t>(r) * static_cast<size_t>(n_c_cap_) + static_cast<size_t>(c);
    }
    [[nodiscard]] int64_t Free() const { return remaining_ - fixed_reserved_ - project_committed_; }
    void Pay(int64_t amount, double* kpi_year, int stride) {
        remaining_ -= amount;
        kpi_year[static_cast<size_t>(static_cast<int>(Kpi::kSpend) * stride)] +=
            static_cast<double>(amount);
    }
    void Remove(int i) {
        Pipe& pipe = pipes_[static_cast<size_t>(i)];
        open_pair_[PairIndex(pipe.researcher, pipe.company)] = 0;
        pipe = pipes_[static_cast<size_t>(--n_pipes_)];
    }
    // Trust is built more slowly with a firm outside the region (distance).
    [[nodiscard]] double TrustFactor(int c) const {
        return c_outside_[static_cast<size_t>(c)] ? config_->model.outside_trust_factor : 1.0;
    }
    void Tie(int r, int c, double trust) {
        trust *= TrustFactor(c);
        float& t = trust_[PairIndex(r, c)];
        if (t == 0.0f) ++ties_;
        t = std::min(1.0f, std::max(t, static_cast<float>(trust)));
    }
    void Introduce(int r, int c, uint16_t coordinator, float fit, double* kpi_year, int stride) {
        pipes_[static_cast<size_t>(n_pipes_++)] = {
            static_cast<uint16_t>(r), static_cast<uint16_t>(c), coordinator, kIntroduced, 1, fit};
        open_pair_[PairIndex(r, c)] = 1;
        Tie(r, c, config_->model.trust_introduction);
        kpi_year[static_cast<size_t>(static_cast<int>(Kpi::kIntroductions) * stride)] += 1;
    }

    void Scan(uint16_t k, double* kpi_year, int stride) {
        const ModelParams& m = config_->model;
        if (n_active_ == 0 || n_r_ == 0 || n_pipes_ >= static_cast<int>(pipes_.size())) return;
        const int c = active_[rng_.Below(static_cast<uint32_t>(n_active_))];
        const float need = c_topic_[static_cast<size_t>(c)];
        const auto threshold = static_cast<float>(config_->match_threshold);
        const bool first_fit = config_->introduction_rule == IntroductionRule::kFirstFit;
        int best = -1;
        float best_fit = -1.0f;
        for (int j = 0; j < m.candidates_per_scan; ++j) {
            int r = static_cast<int>(rng_.Below(static_cast<uint32_t>(n_r_)));
            if (r_seeds_[static_cast<size_t>(r)] == 0 || open_pair_[PairIndex(r, c)]) continue;
            float fit = Fit(r_topic_[static_cast<size_t>(r)], need);
            if (fit > best_fit) {
                best_fit = fit;
                best = r;
            }
            if (first_fit && best_fit >= threshold) break;
        }
        if (best >= 0 && best_fit >= threshold) Introduce(best, c, k, best_fit, kpi_year, stride);
    }

    void Forum(double* kpi_year, int stride) {
        const ModelParams& m = config_->model;
        if (n_active_ == 0 || n_r_ == 0) return;
        for (int j = 0; j < m.forum_new_ties; ++j) {
            int r = static_cast<int>(rng_.Below(static_cast<uint32_t>(n_r_)));
            int c = active_[rng_.Below(static_cast<uint32_t>(n_active_))];
            float& t = trust_[PairIndex(r, c)];
            if (t == 0.0f) ++ties_;
            t = std::min(1.0f, t + static_cast<float>(m.trust_forum * TrustFactor(c)));
            float fit = Fit(r_topic_[static_cast<size_t>(r)], c_topic_[static_cast<size_t>(c)]);
            if (r_seeds_[static_cast<size_t>(r)] > 0 && !open_pair_[PairIndex(r, c)] &&
                n_pipes_ < static_cast<int>(pipes_.size()) &&
                rng_.Chance(m.forum_introduction_prob * std::max(0.0f, fit))) {
                Introduce(r, c, kForum, fit, kpi_year, stride);
            }
        }
    }

    void Invention(int month, int c, double* kpi_year, int stride) {
        const ModelParams& m = config_->model;
        if (rng_.Chance(m.filing_prob)) {
            kpi_year[static_cast<size_t>(static_cast<int>(Kpi::kPatentApplications) * stride)] += 1;
        }
        double p = m.commercialisation_prob * c_absorb_[static_cast<size_t>(c)] *
                   (c_sme_[static_cast<size_t>(c)] ? m.sme_commercialisation_factor : 1.0);
        if (rng_.Chance(p)) {
            int lag = m.lag_min_months + static_cast<int>(rng_.Below(static_cast<uint32_t>(
                                             m.lag_max_months - m.lag_min_months + 1)));
            if (month + lag < config_->months) ++comm_due_[static_cast<size_t>(month + lag)];
        }
    }

    void AdvancePipes(int month, double* kpi_year, int stride) {
        const ModelParams& m = config_->model;
        auto add = [&](Kpi kpi, double value) {
            kpi_year[static_cast<size_t>(static_cast<int>(kpi) * stride)] += value;
        };
        std::fill(k_load_.begin(), k_load_.end(), 0.0f);
        const int months_left_in_year = std::min(12 - month % 12, config_->months - month);
        for (int i = 0; i < n_pipes_;) {
            Pipe& pipe = pipes_[static_cast<size_t>(i)];
            const int r = pipe.researcher, c = pipe.company;
            if (pipe.stage == kIntroduced) {
                if (--pipe.months_left > 0) {
                    ++i;
                    continue;
                }
                double p = m.feasibility_prob * pipe.fit * c_absorb_[static_cast<size_t>(c)];
                if (budget_ > 0 && Free() >= m.feasibility_cost && rng_.Chance(p)) {
                    Pay(m.feasibility_cost, kpi_year, stride);
                    add(Kpi::kFeasibilityTests, 1);
                    merit_ += 1;
                    pipe.stage = kFeasibility;
                    pipe.months_left = static_cast<int16_t>(m.feasibility_months);
                } else {
                    Remove(i);
                    continue;
                }
            } else if (pipe.stage == kFeasibility) {
                if (--pipe.months_left > 0) {
                    if (pipe.coordinator != kForum && pipe.coordinator < k_load_.size()) {
                        k_load_[pipe.coordinator] += static_cast<float>(m.followup_load);
                    }
                    ++i;
                    continue;
                }
                if (rng_.Chance(m.feasibility_invention_prob))
                    Invention(month, c, kpi_year, stride);
                // A project started late runs to the end of the funding period, if that leaves
                // it at least min_project_months.
                const int length = std::min(m.project_months, funding_end_ - month);
                const int64_t need = project_cost_month_ * std::min(length, months_left_in_year);
                double p = m.joint_research_prob * pipe.fit * trust_[PairIndex(r, c)];
                if (budget_ > 0 && length >= m.min_project_months && Free() >= need &&
                    r_seeds_[static_cast<size_t>(r)] > 0 && rng_.Chance(p)) {
                    project_committed_ += need;
                    --r_seeds_[static_cast<size_t>(r)];
                    add(Kpi::kJointResearch, 1);
                    merit_ += 1;
                    ++success_[static_cast<size_t>(month)];
                    ++recent_success_;
                    pipe.stage = kProject;
                    pipe.months_left = static_cast<int16_t>(length);
                } else {
                    Remove(i);
                    continue;
                }
            } else {
                // A month of joint research: paid, trust and absorptive capacity grow,
                // inventions come.
                Pay(project_cost_month_, kpi_year, stride);
                project_committed_ -= project_cost_month_;
                float& t = trust_[PairIndex(r, c)];
                t = std::min(1.0f, t + static_cast<float>(m.trust_gain * TrustFactor(c)));
                float& a = c_absorb_[static_cast<size_t>(c)];
                a = std::min(1.0f, a + static_cast<float>(m.absorptive_learning));
                for (int n = rng_.Poisson(m.invention_rate); n > 0; --n) {
                    Invention(month, c, kpi_year, stride);
                }
                if (--pipe.months_left == 0) {
                    int seeds = rng_.Poisson(m.new_seeds_per_project);
                    uint16_t& held = r_seeds_[static_cast<size_t>(r)];
                    held = static_cast<uint16_t>(std::min(m.max_seeds, held + seeds));
                    add(Kpi::kNewSeeds, seeds);
                    Remove(i);
                    continue;
                }
            }
            if (pipe.stage != kProject && pipe.coordinator != kForum &&
                pipe.coordinator < k_load_.size()) {
                k_load_[pipe.coordinator] += static_cast<float>(m.followup_load);
            }
            ++i;
        }
    }

    const SimConfig* config_ = nullptr;
    const ClusterSpec* spec_ = nullptr;
    Rng rng_;
    int n_r_ = 0, n_c_cap_ = 0, n_k_ = 0, n_active_ = 0, coordinators_active_ = 0;
    // researchers
    std::vector<float> r_topic_;
    std::vector<uint16_t> r_seeds_;
    // companies (the first n_active_ entries of active_ are active; the rest dormant outside)
    std::vector<float> c_topic_, c_absorb_;
    std::vector<uint8_t> c_sme_, c_outside_;
    std::vector<uint16_t> active_;
    // coordinators
    std::vector<float> k_load_;
    // researcher × company ties
    std::vector<float> trust_;
    std::vector<uint8_t> open_pair_;
    int ties_ = 0;
    // open pairs
    std::vector<Pipe> pipes_;
    int n_pipes_ = 0;
    // commercialisations due per month; successes per month
    std::vector<int32_t> comm_due_, success_;
    int recent_success_ = 0;
    // HQ
    bool trial_ = false;
    int full_from_ = 0;
    int funding_end_ = 0;  // the month funding stops (as known at the fiscal year's start)
    double merit_ = 0;
    int64_t budget_ = 0, remaining_ = 0, fixed_per_month_ = 0, fixed_reserved_ = 0,
            project_committed_ = 0, project_cost_month_ = 0;
};

int FiscalYears(const SimConfig& config) { return (config.months + 11) / 12; }

// One run with the worker's reusable states; writes the series into `out` (kKpiCount × fys).
int64_t RunInto(const SimConfig& config, uint64_t seed, int run, std::vector<ClusterState>& states,
                std::span<double> out) {
    const int fys = FiscalYears(config);
    std::fill(out.begin(), out.end(), 0.0);
    states.resize(config.clusters.size());
    for (size_t i = 0; i < states.size(); ++i) {
        states[i].Reset(config, static_cast<int>(i), seed, run);
    }
    // Promotion order scratch: at most the cluster count, allocated once per run.
    std::vector<int> candidates;
    candidates.reserve(states.size());
    int64_t agent_steps = 0;
    for (int month = 0; month < config.months; ++month) {
        const int fy = month / 12;
        if (month % 12 == 0) {
            if (month >= config.trial_months && config.promote_per_year > 0) {
                candidates.clear();
                for (size_t i = 0; i < states.size(); ++i) {
                    if (states[i].InTrial()) candidates.push_back(static_cast<int>(i));
                }
                if (config.promotion_rule == PromotionRule::kMerit) {
                    std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
                        return states[static_cast<size_t>(a)].Merit() >
                               states[static_cast<size_t>(b)].Merit();
                    });
                }
                const size_t promoted =
                    std::min(candidates.size(), static_cast<size_t>(config.promote_per_year));
                for (size_t j = 0; j < promoted; ++j) {
                    states[static_cast<size_t>(candidates[j])].Promote(month);
                }
            }
            for (auto& state : states) state.StartFiscalYear(month);
        }
        for (auto& state : states) agent_steps += state.Step(month, out.data() + fy, fys);
    }
    return agent_steps;
}

}  // namespace

std::string_view KpiName(Kpi kpi) {
    switch (kpi) {
        case Kpi::kIntroductions:
            return "introductions";
        case Kpi::kFeasibilityTests:
            return "feasibility_tests";
        case Kpi::kJointResearch:
            return "joint_research";
        case Kpi::kPatentApplications:
            return "patent_applications";
        case Kpi::kCommercialisations:
            return "commercialisations";
        case Kpi::kNewSeeds:
            return "new_seeds";
        case Kpi::kTies:
            return "ties";
        case Kpi::kParticipatingFirms:
            return "participating_firms";
        case Kpi::kOutsideFirmsAttracted:
            return "outside_firms_attracted";
        case Kpi::kSpend:
            return "spend_yen";
    }
    return "?";
}

bool KpiIsStock(Kpi kpi) { return kpi == Kpi::kTies || kpi == Kpi::kParticipatingFirms; }

double Quantile(std::span<const double> sorted, double q) {
    KC_CHECK(!sorted.empty(), "quantile of an empty sample");
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto lower = static_cast<size_t>(std::floor(position));
    const size_t upper = std::min(lower + 1, sorted.size() - 1);
    const double weight = position - static_cast<double>(lower);
    return sorted[lower] + weight * (sorted[upper] - sorted[lower]);
}

SimResult Aggregate(std::span<const RunSeries> runs, int start_fy, uint64_t seed) {
    SimResult result;
    result.start_fy = start_fy;
    result.seed = seed;
    result.runs = static_cast<int>(runs.size());
    if (runs.empty()) return result;
    const int fys = runs.front().fiscal_years;
    result.fiscal_years = fys;
    result.bands.resize(static_cast<size_t>(kKpiCount * fys));
    result.totals.resize(static_cast<size_t>(kKpiCount));
    std::vector<double> sample(runs.size());
    auto band = [&](std::vector<double>& values) {
        KpiBand out;
        double sum = 0;
        for (double v : values) sum += v;  // run order: the same sum at any thread count
        out.mean = sum / static_cast<double>(values.size());
        std::sort(values.begin(), values.end());
        out.p05 = Quantile(values, 0.05);
        out.p95 = Quantile(values, 0.95);
        return out;
    };
    for (int k = 0; k < kKpiCount; ++k) {
        const auto kpi = static_cast<Kpi>(k);
        for (int fy = 0; fy < fys; ++fy) {
            for (size_t r = 0; r < runs.size(); ++r) sample[r] = runs[r].Value(kpi, fy);
            result.bands[static_cast<size_t>(k * fys + fy)] = band(sample);
        }
        for (size_t r = 0; r < runs.size(); ++r) {
            double total = 0;
            if (KpiIsStock(kpi)) {
                total = fys > 0 ? runs[r].Value(kpi, fys - 1) : 0;
            } else {
                for (int fy = 0; fy < fys; ++fy) total += runs[r].Value(kpi, fy);
            }
            sample[r] = total;
        }
        result.totals[static_cast<size_t>(k)] = band(sample);
    }
    return result;
}

RunSeries SimulateRun(const SimConfig& config, uint64_t seed, int run_index, int64_t* agent_steps) {
    RunSeries series;
    series.fiscal_years = FiscalYears(config);
    series.values.resize(static_cast<size_t>(kKpiCount * series.fiscal_years));
    std::vector<ClusterState> states;
    int64_t steps = RunInto(config, seed, run_index, states, series.values);
    if (agent_steps != nullptr) *agent_steps = steps;
    return series;
}

Result<SimOutput> Simulate(const SimConfig& config, int runs, uint64_t seed,
                           const SimOptions& options) {
    KC_RETURN_IF_ERROR(Validate(config));
    if (runs < 1 || runs > 1'000'000) {
        return Fail(Error::Fields("invalid simulation",
                                  {{"runs", "an integer 1..1,000,000", std::to_string(runs)}}));
    }
    const int fys = FiscalYears(config);
    const size_t width = static_cast<size_t>(kKpiCount * fys);
    std::vector<double> values(width * static_cast<size_t>(runs));
    std::vector<int64_t> steps(static_cast<size_t>(runs), 0);

    int threads = options.threads > 0 ? options.threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, runs);
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::mutex mutex;
    std::condition_variable finished;
    {
        std::vector<std::jthread> workers;
        workers.reserve(static_cast<size_t>(threads));
        for (int w = 0; w < threads; ++w) {
            workers.emplace_back([&](std::stop_token stop) {
                std::vector<ClusterState> states;
                for (int run = next.fetch_add(1); run < runs && !stop.stop_requested();
                     run = next.fetch_add(1)) {
                    std::span<double> out(values.data() + width * static_cast<size_t>(run), width);
                    steps[static_cast<size_t>(run)] = RunInto(config, seed, run, states, out);
                    if (done.fetch_add(1) + 1 == runs) {
                        std::lock_guard lock(mutex);
                        finished.notify_all();
                    }
                }
            });
        }
        bool cancelled = false;
        while (true) {
            const int completed = done.load();
            if (options.stop.stop_requested() ||
                (options.progress && !options.progress(completed, runs))) {
                cancelled = true;
                break;
            }
            if (completed == runs) break;
            std::unique_lock lock(mutex);
            finished.wait_for(lock, std::chrono::milliseconds(50),
                              [&] { return done.load() == runs; });
        }
        if (cancelled) {
            for (auto& worker : workers) worker.request_stop();
            workers.clear();  // joins
            return Fail(Error::FailedPrecondition("cancelled"));
        }
    }

    SimOutput output;
    std::vector<RunSeries> series(static_cast<size_t>(runs));
    for (int run = 0; run < runs; ++run) {
        auto& s = series[static_cast<size_t>(run)];
        s.fiscal_years = fys;
        auto begin = values.begin() + static_cast<std::ptrdiff_t>(width * static_cast<size_t>(run));
        s.values.assign(begin, begin + static_cast<std::ptrdiff_t>(width));
    }
    output.result = Aggregate(series, config.start_fy, seed);
    for (int64_t s : steps) output.result.agent_steps += s;
    if (options.keep_runs) output.runs = std::move(series);
    return output;
}

}  // namespace kc::engines::sim
