// did_you_mean: the "(did you mean ...?)" hint for misspelt keys and values.
#pragma once

#include <cstddef>
#include <span>  // std::span
#include <string>
#include <string_view>

namespace jobsim::scenario {

// edit_distance is the optimal-string-alignment distance (Levenshtein plus adjacent
// transpositions, so "backofLimit"/"backoffLimit" and "scehdule"/"schedule" are both 1),
// compared case-insensitively.
std::size_t edit_distance(std::string_view a, std::string_view b);

// did_you_mean returns ` (did you mean "x"?)` for the candidate closest to `word` when it is
// within edit distance 2 (and closer than the word is long), or "" when none is. Ties go to the
// earlier candidate, so the hint does not depend on anything but the candidate order.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace jobsim::scenario
