// Resource quantities (k8s.io/apimachinery/pkg/api/resource): CPU in millicores, memory in bytes.
// Only cpu, memory and pods are modelled by the scheduler; other resource names are kept
// verbatim so nothing the user wrote is lost.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jobsim::api {

struct ResourceList {
  std::optional<std::int64_t> cpu_millis;
  std::optional<std::int64_t> memory_bytes;
  std::optional<std::int64_t> pods;
  std::map<std::string, std::string> other;  // e.g. ephemeral-storage, nvidia.com/gpu
  bool operator==(const ResourceList&) const = default;
};

struct ResourceRequirements {
  ResourceList requests;
  ResourceList limits;
  bool operator==(const ResourceRequirements&) const = default;
};

// parse_cpu_millis accepts "2", "0.5", "500m", "1.25" (and a YAML number rendered as text);
// nullopt when invalid. Sub-millicore values round up, as upstream's MilliValue does.
std::optional<std::int64_t> parse_cpu_millis(std::string_view text);
// parse_memory_bytes accepts plain bytes, decimal (k, M, G, T, P, E) and binary (Ki, Mi, Gi, Ti,
// Pi, Ei) suffixes, decimal fractions ("1.5Gi") and exponents ("1e9").
std::optional<std::int64_t> parse_memory_bytes(std::string_view text);
std::string format_cpu(std::int64_t millis);     // "500m", "2"
std::string format_memory(std::int64_t bytes);   // "512Mi", "16Gi", or bytes

}  // namespace jobsim::api
