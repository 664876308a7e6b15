#include "jobsim/api/meta.hpp"

#include <algorithm>

namespace jobsim::api {

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::Node: return "Node";
    case Kind::Pod: return "Pod";
    case Kind::Job: return "Job";
    case Kind::CronJob: return "CronJob";
  }
  return "Unknown";
}

const OwnerReference* controller_ref(const ObjectMeta& meta) {
  for (const OwnerReference& ref : meta.owner_references) {
    if (ref.controller) return &ref;
  }
  return nullptr;
}

bool has_finalizer(const ObjectMeta& meta, std::string_view finalizer) {
  return std::find(meta.finalizers.begin(), meta.finalizers.end(), finalizer) != meta.finalizers.end();
}

bool remove_finalizer(ObjectMeta& meta, std::string_view finalizer) {
  if (!has_finalizer(meta, finalizer)) return false;  // no write: the finalizers stay shared
  std::erase_if(meta.finalizers.edit(), [&](const Name& name) { return name == finalizer; });
  return true;
}

std::string key_of(const ObjectMeta& meta) { return meta.namespace_ + "/" + meta.name; }

bool matches(const LabelSelector& selector, const Labels& labels) {
  for (const auto& [key, value] : selector.match_labels) {
    const auto found = labels.find(key);
    if (found == labels.end() || found->second != value) return false;
  }
  return true;
}

}  // namespace jobsim::api
