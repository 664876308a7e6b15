// Upstream: gopkg.in/yaml.v2 encode.go stringv, emitterc.go yaml_emitter_analyze_scalar and
// yaml_emitter_select_scalar_style, resolve.go (YAML 1.1 booleans, null, numbers, timestamps).
#include "kubectl_yaml.hpp"

#include <array>
#include <cctype>
#include <cstdlib>

namespace jobsim::report::kubectl {
namespace {

using nlohmann::json;

bool resolves_to_non_string(const std::string& text) {
  static constexpr std::array<std::string_view, 26> kWords = {
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
      "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL"};
  for (std::string_view word : kWords) {
    if (text == word) return true;
  }
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "-.inf" || text == "+.inf" || text == ".nan" ||
      text == ".NaN" || text == ".NAN" || text == "-.Inf" || text == "+.Inf") {
    return true;
  }
  // Numbers: integers (with _ separators, 0x/0o/0b prefixes) and floats.
  std::string digits;
  for (const char ch : text) {
    if (ch != '_') digits += ch;
  }
  if (!digits.empty()) {
    char* end = nullptr;
    const char* begin = digits.c_str();
    std::strtod(begin, &end);
    if (end != begin && *end == '\0' && (std::isdigit(static_cast<unsigned char>(digits.back())) || digits.back() == '.')) {
      return true;
    }
    std::strtoll(begin, &end, 0);
    if (end != begin && *end == '\0') return true;
    std::string_view rest = digits;
    if (rest.front() == '-' || rest.front() == '+') rest.remove_prefix(1);
    if (rest.starts_with("0b") && rest.size() > 2 && rest.find_first_not_of("01", 2) == std::string_view::npos) {
      return true;
    }
  }
  // Timestamps: YYYY-M-D, optionally followed by a time.
  if (text.size() >= 8 && std::isdigit(static_cast<unsigned char>(text[0])) && std::isdigit(static_cast<unsigned char>(text[1])) &&
      std::isdigit(static_cast<unsigned char>(text[2])) && std::isdigit(static_cast<unsigned char>(text[3])) && text[4] == '-' &&
      std::isdigit(static_cast<unsigned char>(text[5]))) {
    return true;
  }
  return false;
}

bool plain_allowed(const std::string& text) {
  if (text.empty()) return false;
  if (text.front() == ' ' || text.back() == ' ' || text.starts_with("---") || text.starts_with("...")) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const bool followed_by_space = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t';
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') return false;
    if (i == 0) {
      switch (ch) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|':
        case '>': case '\'': case '"': case '%': case '@': case '`':
          return false;
        case '?': case ':': case '-':
          if (followed_by_space) return false;
          break;
        default: break;
      }
    } else {
      if (ch == ':' && followed_by_space) return false;
      if (ch == '#' && (text[i - 1] == ' ' || text[i - 1] == '\t')) return false;
    }
  }
  return true;
}

std::string double_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\x";
          out += kHex[(ch >> 4) & 0xF];
          out += kHex[ch & 0xF];
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (const char ch : text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

// scalar_text is a one-line scalar; multi-line strings are handled by the caller.
std::string scalar_text(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  const std::string& text = value.get_ref<const std::string&>();
  if (text.empty()) return "\"\"";
  if (resolves_to_non_string(text)) return double_quoted(text);
  if (plain_allowed(text)) return text;
  return single_quoted(text);
}

bool is_multiline(const json& value) {
  return value.is_string() && value.get_ref<const std::string&>().find('\n') != std::string::npos;
}

// literal writes " |" or " |-" and the lines indented by `indent`.
void write_literal(std::string& out, const std::string& text, std::size_t indent) {
  out += text.ends_with('\n') ? "|\n" : "|-\n";
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.append(indent, ' ').append(text, start, end - start);
    out += '\n';
    start = end + 1;
  }
}

void write_value(std::string& out, const json& value, std::size_t indent, bool in_sequence);

void write_map(std::string& out, const json& map, std::size_t indent, bool first_inline) {
  bool first = true;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!(first && first_inline)) out.append(indent, ' ');
    first = false;
    out += scalar_text(it.key()) + ":";
    write_value(out, it.value(), indent, false);
  }
}

void write_sequence(std::string& out, const json& sequence, std::size_t indent, bool first_inline) {
  bool first = true;
  for (const json& item : sequence) {
    if (!(first && first_inline)) out.append(indent, ' ');
    first = false;
    out += "-";
    write_value(out, item, indent, true);
  }
}

// write_value writes what follows "key:" or "-": a scalar on the same line, or a nested block.
void write_value(std::string& out, const json& value, std::size_t indent, bool in_sequence) {
  if (value.is_object() && !value.empty()) {
    if (in_sequence) {
      out += ' ';
      write_map(out, value, indent + 2, true);
    } else {
      out += '\n';
      write_map(out, value, indent + 2, false);
    }
  } else if (value.is_array() && !value.empty()) {
    if (in_sequence) {
      out += ' ';
      write_sequence(out, value, indent + 2, true);
    } else {
      out += '\n';
      write_sequence(out, value, indent, false);  // go-yaml does not indent a sequence under its key
    }
  } else if (value.is_object()) {
    out += " {}\n";
  } else if (value.is_array()) {
    out += " []\n";
  } else if (is_multiline(value)) {
    out += ' ';
    write_literal(out, value.get_ref<const std::string&>(), indent + 2);
  } else {
    out += ' ' + scalar_text(value) + '\n';
  }
}

}  // namespace

std::string to_yaml(const nlohmann::json& document) {
  std::string out;
  if (document.is_object() && !document.empty()) {
    write_map(out, document, 0, true);
  } else {
    out = scalar_text(document) + "\n";
  }
  return out;
}

}  // namespace jobsim::report::kubectl
