// Upstream: Go src/unicode/utf8/utf8.go (DecodeRuneInString), src/unicode/graphic.go (IsSpace),
// src/strings/strings.go (Fields, TrimSpace), src/strconv/quote.go (Quote).
#include "cron/go_strings.hpp"

#include "jobsim/cron/go_text.hpp"

namespace jobsim::cron {
namespace go {

Rune decode_rune(std::string_view text) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  auto continuation = [&](std::size_t i, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return i < text.size() && byte(i) >= low && byte(i) <= high;
  };
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (continuation(1)) return {static_cast<char32_t>(((lead & 0x1Fu) << 6) | (byte(1) & 0x3Fu)), 2};
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    if (continuation(1, low, high) && continuation(2)) {
      return {static_cast<char32_t>(((lead & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu)), 3};
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    if (continuation(1, low, high) && continuation(2) && continuation(3)) {
      return {static_cast<char32_t>(((lead & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
                                    (byte(3) & 0x3Fu)),
              4};
    }
  }
  return {kRuneError, 1};
}

bool is_space(char32_t rune) {
  switch (rune) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return rune >= 0x2000 && rune <= 0x200A;
  }
}

std::vector<std::string_view> fields(std::string_view text) {
  std::vector<std::string_view> result;
  std::size_t start = std::string_view::npos;
  std::size_t i = 0;
  while (i < text.size()) {
    const Rune rune = decode_rune(text.substr(i));
    if (is_space(rune.value)) {
      if (start != std::string_view::npos) result.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = i;
    }
    i += rune.width;
  }
  if (start != std::string_view::npos) result.push_back(text.substr(start));
  return result;
}

std::string_view trim_space(std::string_view text) {
  while (!text.empty()) {
    const Rune rune = decode_rune(text);
    if (!is_space(rune.value)) break;
    text.remove_prefix(rune.width);
  }
  // From the back: find the last rune that is not a space.
  std::size_t keep = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const Rune rune = decode_rune(text.substr(i));
    i += rune.width;
    if (!is_space(rune.value)) keep = i;
  }
  return text.substr(0, keep);
}

}  // namespace go

namespace {

bool is_print(char32_t rune) {
  if (rune < 0x20 || rune == 0x7F) return false;
  if (rune < 0x7F) return true;
  if (rune <= 0xA0 || rune == 0xAD || rune == 0x1680 || rune == 0x3000 || rune == 0xFEFF) return false;
  if ((rune >= 0x2000 && rune <= 0x200F) || (rune >= 0x2028 && rune <= 0x202F) || (rune >= 0x205F && rune <= 0x206F)) {
    return false;
  }
  if ((rune >= 0xE000 && rune <= 0xF8FF) || (rune >= 0xFFF0 && rune <= 0xFFFB) || rune >= 0xF0000) return false;
  return rune != 0xFFFE && rune != 0xFFFF;
}

void append_hex(std::string& out, std::uint32_t value, int digits) {
  constexpr char kHex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xFu];
}

}  // namespace

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size()) {
    const go::Rune rune = go::decode_rune(text.substr(i));
    if (rune.width == 1 && rune.value == go::kRuneError) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(text[i]), 2);
    } else if (rune.value == '"' || rune.value == '\\') {
      out += '\\';
      out += static_cast<char>(rune.value);
    } else if (is_print(rune.value)) {
      out.append(text.substr(i, rune.width));
    } else {
      switch (rune.value) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (rune.value < 0x20 || rune.value == 0x7F) {
            out += "\\x";
            append_hex(out, rune.value, 2);
          } else if (rune.value < 0x10000) {
            out += "\\u";
            append_hex(out, rune.value, 4);
          } else {
            out += "\\U";
            append_hex(out, rune.value, 8);
          }
      }
    }
    i += rune.width;
  }
  out += '"';
  return out;
}

}  // namespace jobsim::cron
