// api::Shared<T>: copies share a part until one of them edits it; a version another copy still
// holds never changes (the API server's stored version and the old version handed to watchers
// rely on it, include/jobsim/api/shared.hpp).
#include "jobsim/api/shared.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "jobsim/api/pod.hpp"

namespace jobsim::api {
namespace {

TEST(Shared, a_copy_shares_until_one_side_edits) {
  Shared<PodStatus> stored = PodStatus{.phase = PodPhase::Pending};
  Shared<PodStatus> copy = stored;
  EXPECT_TRUE(copy.shares(stored));

  copy.edit().phase = PodPhase::Running;
  EXPECT_FALSE(copy.shares(stored));
  EXPECT_EQ(stored->phase, PodPhase::Pending);  // the other version is untouched
  EXPECT_EQ(copy->phase, PodPhase::Running);
}

TEST(Shared, set_copies_a_shared_part_only_when_the_value_changes) {
  Shared<PodStatus> stored = PodStatus{.phase = PodPhase::Running, .reason = "Evicted"};
  Shared<PodStatus> copy = stored;
  copy.set(&PodStatus::phase, PodPhase::Running);  // the same value: nothing written
  copy.set(&PodStatus::reason, Name("Evicted"));
  EXPECT_TRUE(copy.shares(stored));

  copy.set(&PodStatus::phase, PodPhase::Failed);
  EXPECT_FALSE(copy.shares(stored));
  EXPECT_EQ(copy->phase, PodPhase::Failed);
  EXPECT_EQ(stored->phase, PodPhase::Running);
}

TEST(Shared, edit_of_an_unshared_part_writes_in_place) {
  Shared<PodStatus> only = PodStatus{};
  const PodStatus* before = &*only;
  only.edit().reason = "Evicted";
  EXPECT_EQ(&*only, before);
  EXPECT_EQ(only->reason, "Evicted");
}

TEST(Shared, default_parts_share_one_empty_value_and_detach_on_edit) {
  Shared<PodSpec> a;
  Shared<PodSpec> b;
  EXPECT_TRUE(a.shares(b));
  a.edit().node_name = "worker-1";
  EXPECT_FALSE(a.shares(b));
  EXPECT_EQ(b->node_name, "");
  EXPECT_EQ(Shared<PodSpec>()->node_name, "");  // the shared empty value itself never changed
}

TEST(Shared, objects_copy_by_sharing_every_part) {
  Pod pod;
  pod.metadata.edit().name = "pi-abcde";
  pod.metadata.edit().labels = {{"app", "pi"}};
  const Pod copy = pod;
  EXPECT_TRUE(copy.metadata.shares(pod.metadata));
  EXPECT_TRUE(copy.spec.shares(pod.spec));
  EXPECT_TRUE(copy.status.shares(pod.status));
  EXPECT_TRUE(copy.metadata->labels.shares(pod.metadata->labels));

  // Bumping one metadata field copies the metadata, not its label map.
  pod.metadata.edit().resource_version = 7;
  EXPECT_FALSE(pod.metadata.shares(copy.metadata));
  EXPECT_TRUE(pod.metadata->labels.shares(copy.metadata->labels));
  EXPECT_EQ(copy.metadata->resource_version, 0);
}

TEST(Shared, collections_read_like_the_const_collection) {
  Shared<std::map<std::string, std::string>> labels = {{"a", "1"}, {"b", "2"}};
  EXPECT_EQ(labels.size(), 2U);
  EXPECT_TRUE(labels.contains("a"));
  EXPECT_EQ(labels.at("b"), "2");
  EXPECT_EQ(labels.find("c"), labels.end());
  std::string keys;
  for (const auto& [key, value] : labels) keys += key;
  EXPECT_EQ(keys, "ab");
  // No writable path through a read: iterators and elements are const.
  static_assert(std::is_const_v<std::remove_reference_t<decltype(*labels.begin())>>);
  static_assert(std::is_const_v<std::remove_reference_t<decltype(labels.at("a"))>>);

  Shared<std::vector<std::string>> finalizers = {"batch.kubernetes.io/job-tracking"};
  EXPECT_EQ(finalizers.front(), "batch.kubernetes.io/job-tracking");
  static_assert(std::is_const_v<std::remove_reference_t<decltype(finalizers[0])>>);
}

TEST(Shared, equality_compares_values_and_short_cuts_on_the_same_version) {
  const Shared<PodStatus> a = PodStatus{.reason = "x"};
  const Shared<PodStatus> same_version = a;
  const Shared<PodStatus> equal_value = PodStatus{.reason = "x"};
  const Shared<PodStatus> other = PodStatus{.reason = "y"};
  EXPECT_TRUE(a == same_version);
  EXPECT_TRUE(a == equal_value);
  EXPECT_FALSE(a.shares(equal_value));
  EXPECT_FALSE(a == other);
  EXPECT_TRUE(a == PodStatus{.reason = "x"});
}

}  // namespace
}  // namespace jobsim::api
