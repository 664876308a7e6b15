// Tests for read_yaml: positions (1-based) of every node and key, quoting, documents, and the
// YAML-level errors (syntax, duplicate keys, alias bombs).
#include "scenario/yaml_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"
#include "testing/table.hpp"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using testing::name_of;

TEST(YamlReader, PositionsOfKeysAndValuesAreOneBased) {
  const YamlDocuments parsed = read_yaml("name: demo\ncluster:\n  nodes:\n    - name: worker\n      count: 3\n", "f.yaml");
  ASSERT_TRUE(parsed.problems.empty());
  ASSERT_EQ(parsed.documents.size(), 1u);
  const Value& root = parsed.documents[0];
  EXPECT_EQ(root.pos(), (SourcePos{"f.yaml", 1, 1}));
  ASSERT_EQ(root.entries().size(), 2u);
  EXPECT_EQ(root.entries()[0].key_pos, (SourcePos{"f.yaml", 1, 1}));
  EXPECT_EQ(root.entries()[0].value.pos(), (SourcePos{"f.yaml", 1, 7}));
  EXPECT_EQ(root.entries()[1].key_pos, (SourcePos{"f.yaml", 2, 1}));
  const Value& nodes = *root.find("cluster")->find("nodes");
  EXPECT_EQ(nodes.pos(), (SourcePos{"f.yaml", 4, 5}));
  const Value& node = nodes.items().at(0);
  EXPECT_EQ(node.pos(), (SourcePos{"f.yaml", 4, 7}));
  EXPECT_EQ(node.entries()[1].key, "count");
  EXPECT_EQ(node.entries()[1].key_pos, (SourcePos{"f.yaml", 5, 7}));
  EXPECT_EQ(node.entries()[1].value.pos(), (SourcePos{"f.yaml", 5, 14}));
  EXPECT_EQ(node.entries()[1].value.text(), "3");
}

TEST(YamlReader, EmptyValueIsNullAtItsKey) {
  const YamlDocuments parsed = read_yaml("status:\nspec: {}\n", "f.yaml");
  const Value& status = *parsed.documents.at(0).find("status");
  EXPECT_TRUE(status.is_null());
  EXPECT_EQ(status.pos(), (SourcePos{"f.yaml", 1, 1}));
}

struct QuotingCase {
  std::string_view name;
  std::string_view yaml = {};  // "v: ..."
  std::string_view want_text = {};
  bool want_quoted = false;
  Value::Type want_type = Value::Type::Scalar;
};

const QuotingCase kQuotingCases[] = {
    {.name = "plain_number", .yaml = "v: 5", .want_text = "5"},
    {.name = "double_quoted_number", .yaml = "v: \"5\"", .want_text = "5", .want_quoted = true},
    {.name = "single_quoted_number", .yaml = "v: '5'", .want_text = "5", .want_quoted = true},
    {.name = "explicit_str_tag", .yaml = "v: !!str 5", .want_text = "5", .want_quoted = true},
    {.name = "explicit_int_tag_is_plain", .yaml = "v: !!int \"5\"", .want_text = "5"},
    {.name = "literal_block", .yaml = "v: |\n  two\n  lines\n", .want_text = "two\nlines\n", .want_quoted = true},
    {.name = "tilde_is_null", .yaml = "v: ~", .want_type = Value::Type::Null},
    {.name = "null_word_is_null", .yaml = "v: null", .want_type = Value::Type::Null},
    {.name = "quoted_null_is_string", .yaml = "v: \"null\"", .want_text = "null", .want_quoted = true},
    {.name = "empty_flow_map", .yaml = "v: {}", .want_type = Value::Type::Map},
};

class YamlQuoting : public ::testing::TestWithParam<QuotingCase> {};

TEST_P(YamlQuoting, KeepsTextAndQuoting) {
  const QuotingCase& c = GetParam();
  const YamlDocuments parsed = read_yaml(c.yaml, "f.yaml");
  ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.messages().at(0);
  const Value& value = *parsed.documents.at(0).find("v");
  EXPECT_EQ(value.type(), c.want_type);
  if (c.want_type == Value::Type::Scalar) {
    EXPECT_EQ(value.text(), c.want_text);
    EXPECT_EQ(value.quoted(), c.want_quoted);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, YamlQuoting, ::testing::ValuesIn(kQuotingCases), name_of<QuotingCase>);

TEST(YamlReader, ReadsEveryDocument) {
  const YamlDocuments parsed = read_yaml("---\na: 1\n---\n---\nb: 2\n...\n", "m.yaml");
  ASSERT_TRUE(parsed.problems.empty());
  ASSERT_EQ(parsed.documents.size(), 3u);
  EXPECT_EQ(parsed.documents[0].find("a")->text(), "1");
  EXPECT_TRUE(parsed.documents[1].is_null());
  EXPECT_EQ(parsed.documents[2].pos(), (SourcePos{"m.yaml", 5, 1}));
}

TEST(YamlReader, NoTextGivesNoDocuments) {
  EXPECT_TRUE(read_yaml("", "e.yaml").documents.empty());
  EXPECT_TRUE(read_yaml("# only a comment\n", "e.yaml").documents.empty());
}

TEST(YamlReader, AliasesAndMergeKeysExpand) {
  const YamlDocuments parsed = read_yaml(
      "base: &base {cpu: \"1\", memory: 1Gi}\n"
      "big:\n  <<: *base\n  cpu: \"8\"\n"
      "copy: *base\n",
      "f.yaml");
  ASSERT_TRUE(parsed.problems.empty());
  const Value& big = *parsed.documents[0].find("big");
  ASSERT_EQ(big.entries().size(), 2u);
  EXPECT_EQ(big.find("cpu")->text(), "8");  // written keys win over merged ones
  EXPECT_EQ(big.find("memory")->text(), "1Gi");
  EXPECT_EQ(parsed.documents[0].find("copy")->find("memory")->text(), "1Gi");
}

struct ErrorCase {
  std::string_view name;
  std::string_view yaml;
  std::vector<std::string> want = {};
};

const ErrorCase kErrorCases[] = {
    {.name = "duplicate_key",
     .yaml = "name: a\nseed: 1\nname: b\n",
     .want = {"f.yaml:3:1: duplicate key \"name\" (already defined at line 1)"}},
    {.name = "duplicate_nested_keys_all_reported",
     .yaml = "a:\n  x: 1\n  x: 2\nb: {y: 1, y: 2}\n",
     .want = {"f.yaml:3:3: duplicate key \"x\" (already defined at line 2)",
              "f.yaml:4:11: duplicate key \"y\" (already defined at line 4)"}},
    {.name = "map_value_on_a_key_line", .yaml = "a: b: c\n", .want = {"f.yaml:1:5: invalid YAML: illegal map value"}},
    {.name = "unclosed_flow_sequence", .yaml = "a: [1, 2\n", .want = {"f.yaml:2:1: invalid YAML: end of sequence flow not found"}},
    {.name = "list_then_map_item", .yaml = "a:\n  - x\n  y: 1\n", .want = {"f.yaml:3:3: invalid YAML: end of map not found"}},
    {.name = "unknown_alias", .yaml = "a: *nope\n", .want = {"f.yaml:1:4: invalid YAML: the referenced anchor is not defined"}},
    {.name = "tab_indentation", .yaml = "a:\n\tb: 1\n", .want = {"f.yaml:2:3: invalid YAML: illegal map value"}},
    // yaml-cpp would emit empty documents at the comma forever.
    {.name = "stray_comma_does_not_loop", .yaml = "# c\n  , x\n", .want = {"f.yaml:2:3: invalid YAML: unexpected \",\""}},
    {.name = "map_as_key", .yaml = "? {a: 1}\n: x\n", .want = {"f.yaml:1:3: map keys must be strings or numbers, not a map, list or null"}},
    {.name = "merge_of_a_scalar",
     .yaml = "a:\n  <<: 5\n  b: 1\n",
     .want = {"f.yaml:2:7: the merge key \"<<\" needs a map or a list of maps"}},
};

class YamlErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(YamlErrors, ReportsPositionAndReason) {
  const ErrorCase& c = GetParam();
  EXPECT_EQ(read_yaml(c.yaml, "f.yaml").problems.messages(), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, YamlErrors, ::testing::ValuesIn(kErrorCases), name_of<ErrorCase>);

TEST(YamlReader, SyntaxErrorStopsAndIsMarked) {
  const YamlDocuments parsed = read_yaml("a: 1\n---\nb: [\n", "f.yaml");
  EXPECT_TRUE(parsed.syntax_error);
  EXPECT_EQ(parsed.documents.size(), 1u);  // the documents before the error are kept
}

TEST(YamlReader, DeepNestingIsAnErrorNotAStackOverflow) {
  const std::string yaml = "a: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  const YamlDocuments parsed = read_yaml(yaml, "deep.yaml");
  EXPECT_TRUE(parsed.syntax_error);
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems.problems()[0].message, "invalid YAML: nested too deeply (the limit is about 500 levels)");
}

TEST(YamlReader, AliasBombFailsFastInsteadOfExhaustingMemory) {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev + ", " + prev + ", " +
            prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + "]\n";
  }
  const YamlDocuments parsed = read_yaml(yaml, "bomb.yaml");
  EXPECT_TRUE(parsed.syntax_error);
  EXPECT_EQ(parsed.problems.messages(),
            std::vector<std::string>{"bomb.yaml: aliases expand to more than 100000 nodes"});
}

}  // namespace
}  // namespace jobsim::scenario
