// The online walk of cron_job_record.hpp: activations are settled as the clock passes them, only
// what the unsettled ones need is kept, and the counts equal those of a walk at the end.
#include "report/cron_job_record.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jobsim::report {
namespace {

using namespace std::chrono_literals;
using engine::SimTime;

constexpr SimTime kStart{std::chrono::seconds{1767225600}};  // 2026-01-01T00:00:00Z
const cron::TimeZone kUtc = cron::TimeZone::utc();

CronJobRecord every_five_minutes() {
  CronJobRecord record;
  record.segments.push_back({.from = kStart, .spec = "*/5 * * * *", .scheduling = true, .starts_chain = true});
  return record;
}

// A fleet CronJob for 1,000 activations: a Job at each sync (T + 100 ms); every third one is
// first blocked (JobAlreadyActive) and started late, every seventh one is blocked for good.
TEST(CronJobRecord, OnlineWalkKeepsOnlyWhatUnsettledActivationsNeed) {
  CronJobRecord record = every_five_minutes();
  std::int64_t skipped = 0;
  for (int k = 1; k <= 1000; ++k) {
    const SimTime t = kStart + k * 5min;
    if (k % 7 == 0) {
      record.add_already_active(t + 100ms, t + 100ms, kUtc);
      ++skipped;
    } else if (k % 3 == 0) {
      record.add_already_active(t + 100ms, t + 100ms, kUtc);
      record.add_scheduled(t + 2min, t, kUtc);
    } else {
      record.add_scheduled(t + 100ms, t, kUtc);
    }
    // Activations before the previous one are settled: only the Jobs and Events since the last
    // settled one are kept (an Event of that one stays until the next is settled).
    ASSERT_LE(record.scheduled.size(), 1u) << k;
    ASSERT_LE(record.already_active.size(), 2u) << k;
    if (k >= 2) {
      ASSERT_EQ(record.last_settled, t - 5min) << k;
    }
  }
  EXPECT_TRUE(record.settled_missed.empty());
  EXPECT_EQ(static_cast<std::int64_t>(record.settled_skipped.size()), skipped);  // the last, 994, is settled
  const CronJobSummary summary = summarize_cron_job(record, kStart + 1000 * 5min + 1min, kUtc);
  EXPECT_EQ(summary.schedules, 1000);
  EXPECT_EQ(summary.skipped, skipped);
  EXPECT_EQ(summary.missed, 0);
}

// A Job that names an activation already settled as missed or skipped turns it into a Job's
// (once: a second Job for the same time changes nothing), as the walk at the end would count it.
TEST(CronJobRecord, LateJobTurnsASettledActivationIntoAJobs) {
  CronJobRecord record = every_five_minutes();
  record.add_already_active(kStart + 10min + 100ms, kStart + 10min + 100ms, kUtc);  // settles 00:05: missed
  record.add_scheduled(kStart + 16min, kStart + 5min, kUtc);                         // settles 00:10: skipped
  EXPECT_EQ(record.last_settled, kStart + 10min);
  EXPECT_TRUE(record.settled_missed.empty());
  EXPECT_EQ(record.settled_skipped, std::vector<SimTime>{kStart + 10min});
  record.add_scheduled(kStart + 17min, kStart + 10min, kUtc);
  record.add_scheduled(kStart + 18min, kStart + 5min, kUtc);   // again: no change
  record.add_scheduled(kStart + 18min, kStart + 7min, kUtc);   // not an activation: no change
  EXPECT_TRUE(record.settled_skipped.empty());
  // 00:05 and 00:10 have Jobs; 00:15 and 00:20 have nothing.
  const CronJobSummary summary = summarize_cron_job(record, kStart + 21min, kUtc);
  EXPECT_EQ(summary.schedules, 4);
  EXPECT_EQ(summary.skipped, 0);
  EXPECT_EQ(summary.missed, 2);
}

// A summary before the end walks a copy: the record is unchanged and a later summary at the
// same instant gives the same counts; one at a later end counts more.
TEST(CronJobRecord, SummaryWalksACopy) {
  CronJobRecord record = every_five_minutes();
  record.add_scheduled(kStart + 5min + 100ms, kStart + 5min, kUtc);
  const CronJobSummary at_30 = summarize_cron_job(record, kStart + 30min, kUtc);
  EXPECT_EQ(at_30.schedules, 5);  // 00:30's sync is after the end
  EXPECT_EQ(at_30.missed, 4);
  EXPECT_EQ(record.walk.counts.schedules, 0);
  EXPECT_EQ(summarize_cron_job(record, kStart + 30min, kUtc).missed, 4);
  EXPECT_EQ(summarize_cron_job(record, kStart + 30min + 100ms, kUtc).schedules, 6);
}

// A pause (suspend) that is still open holds the online walk; after the resume, activations in
// the pause are jumped over (calendar schedule), as at the end.
TEST(CronJobRecord, OpenPauseHoldsTheWalkUntilTheResume) {
  CronJobRecord record = every_five_minutes();
  record.segments.back().to = kStart + 12min;
  record.segments.push_back(
      {.from = kStart + 12min, .spec = "*/5 * * * *", .scheduling = false, .starts_chain = false});
  record.settle(kStart + 40min, kUtc);
  EXPECT_EQ(record.last_settled, kStart + 10min);  // 00:05, 00:10 settled, then the open pause
  record.segments.back().to = kStart + 40min;
  record.segments.push_back(
      {.from = kStart + 40min, .spec = "*/5 * * * *", .scheduling = true, .starts_chain = false});
  record.settle(kStart + 50min, kUtc);
  EXPECT_EQ(record.last_settled, kStart + 45min);  // 00:40 and 00:45; 00:15 .. 00:35 were paused
  EXPECT_EQ(record.walk.counts.schedules, 4);
  EXPECT_EQ(summarize_cron_job(record, kStart + 50min, kUtc).schedules, 4);  // 00:50's sync is after the end
  EXPECT_EQ(summarize_cron_job(record, kStart + 50min + 100ms, kUtc).schedules, 5);
}

}  // namespace
}  // namespace jobsim::report
