// The planner takes whatever the loader lets through: every damaged copy of the
// example station that loads (the mutants of tests/config/MutationTest.cpp,
// same seed) is planned for a year without an exception, and the plan is a
// plan: airings ordered, each inside the year and longer than nothing, and
// none overlapping another unless the plan reports an error.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <date/date.h>

#include "../config/StationMutator.hpp"
#include "../support/ExampleStation.hpp"
#include "FakeMediaCatalog.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::scheduler {
namespace {

using date::literals::operator""_y;

/// What is wrong with `plan` as a plan of `period`; empty when nothing is.
std::string broken_plan(const Plan& plan, const Period& period, const StationTimeZone& zone) {
    for (std::size_t i = 0; i < plan.airings.size(); ++i) {
        const Airing& a = plan.airings[i];
        const std::string what = "airing " + std::to_string(i) + " (" + a.programme + ") ";
        const date::sys_days day{zone.local_date(a.start)};
        if (day < date::sys_days{period.first} || day > date::sys_days{period.last}) {
            return what + "starts outside the period";
        }
        if (a.end <= a.start) {
            return what + "ends before it starts";
        }
        if (i > 0 && a.start < plan.airings[i - 1].start) {
            return what + "is out of order";
        }
        if (i > 0 && a.start < plan.airings[i - 1].end && !plan.has_errors()) {
            return what + "overlaps the one before, and the plan has no error";
        }
    }
    return {};
}

TEST(StationMutations, EveryMutantThatLoadsIsPlannedForAYear) {
    onair::test::StationMutator mutator{20261201};
    const std::string original{onair::test::example_station()};
    const Period year{2026_y / 1 / 1, 2026_y / 12 / 31};
    int planned = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::string mutant = mutator.mutate(original);
        std::optional<config::Station> station;
        try {
            station = config::parse_station(mutant, "mutant.yaml");
        } catch (const std::exception&) {
            continue;  // refused: tests/config/MutationTest.cpp checks how
        }
        SCOPED_TRACE("mutant " + std::to_string(i) + ":\n" + mutant);
        testing::FakeMediaCatalog media;
        try {
            const Plan plan = make_plan(*station, year, media);
            const std::string broken = broken_plan(plan, year, StationTimeZone{station->timezone});
            ASSERT_EQ(broken, "");
        } catch (const std::exception& error) {
            FAIL() << "make_plan threw " << error.what();
        }
        ++planned;
    }
    // Enough of them load for this to say something.
    EXPECT_GT(planned, 200);
}

}  // namespace
}  // namespace onair::scheduler
