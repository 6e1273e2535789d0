#include "onair/scheduler/PlanFormat.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "PlanFormatTestSupport.hpp"

namespace onair::scheduler {
namespace {

using namespace plan_format_test;

// The plan as JSON: the documented fields, the round trip, and the parse errors.

TEST(PlanJsonTest, RoundTripIsIdentical) {
    const auto plan = sample_plan();
    const std::string json = format_plan_json(plan, vietnam());
    const auto back = parse_plan_json(json);
    ASSERT_EQ(back.size(), plan.size());
    for (std::size_t i = 0; i < plan.size(); ++i) {
        EXPECT_EQ(back[i], plan[i]) << "airing " << i;
    }
    EXPECT_EQ(format_plan_json(back, vietnam()), json);
}

TEST(PlanJsonTest, EmptyPlanIsAnEmptyArray) {
    EXPECT_EQ(format_plan_json({}, vietnam()), "[]\n");
    EXPECT_TRUE(parse_plan_json("[]").empty());
}

TEST(PlanJsonTest, HasExactlyTheDocumentedFieldsInOrder) {
    const auto json = nlohmann::ordered_json::parse(format_plan_json(sample_plan(), vietnam()));
    ASSERT_TRUE(json.is_array());
    const std::vector<std::string> expected{
        "start",       "end",    "window",   "programme", "title",    "category",   "role",
        "source_kind", "source", "fallback", "episode",   "media_ok", "media_note", "fixed"};
    for (const auto& object : json) {
        std::vector<std::string> keys;
        for (const auto& item : object.items()) {
            keys.push_back(item.key());
        }
        EXPECT_EQ(keys, expected);
        EXPECT_TRUE(object["media_ok"].is_boolean());
        EXPECT_TRUE(object["fixed"].is_boolean());
    }
    EXPECT_EQ(json[0]["start"], "2026-12-01T05:30:00+07:00");
    EXPECT_EQ(json[0]["end"], "2026-12-01T05:44:59.875+07:00");
    EXPECT_EQ(json[0]["role"], "rerun");
    EXPECT_EQ(json[1]["source_kind"], "folder");
    EXPECT_EQ(json[1]["role"], "fill");
    EXPECT_EQ(json[3]["media_ok"], false);
    EXPECT_EQ(json[4]["source_kind"], "relay");
    EXPECT_EQ(json[4]["fallback"], "tinh/2026-w49.mp3");
    EXPECT_EQ(json[4]["episode"], "2026-W49");
    EXPECT_EQ(json[6]["role"], "daily");
    EXPECT_EQ(json[7]["role"], "once");
    EXPECT_EQ(json[7]["end"], "2027-01-01T00:10:00+07:00");
}

TEST(PlanJsonTest, IsIndentedAndKeepsVietnameseReadable) {
    const std::string json = format_plan_json(sample_plan(), vietnam());
    EXPECT_TRUE(json.starts_with("[\n  {\n    \"start\": \"2026-12-01T05:30:00+07:00\",\n"))
        << json.substr(0, 80);
    EXPECT_NE(json.find("\"title\": \"Chương trình phường Phổ Ninh\""), std::string::npos);
    EXPECT_EQ(json.find("\\u"), std::string::npos) << "non-ASCII text was escaped";
    EXPECT_TRUE(json.ends_with("]\n"));
}

TEST(PlanJsonTest, RolesHaveTheSpecNames) {
    const std::vector<std::pair<Role, std::string>> names{
        {Role::premiere, "premiere"}, {Role::rerun, "rerun"}, {Role::relay, "relay"},
        {Role::fill, "fill"},         {Role::once, "once"},   {Role::daily, "daily"}};
    for (const auto& [role, name] : names) {
        EXPECT_EQ(to_string(role), name);
        EXPECT_EQ(role_from_string(name), role);
    }
    EXPECT_EQ(role_from_string("Premiere"), std::nullopt);
    EXPECT_EQ(role_from_string("filler"), std::nullopt);
    EXPECT_EQ(role_from_string(""), std::nullopt);
}

struct BadJsonCase {
    const char* name;
    std::string json;
    std::vector<std::string> message_parts;
};

/// One valid airing as JSON, with `field` replaced by `value` (or removed when
/// `value` is empty).
std::string one_airing_with(const std::string& field, const std::string& value) {
    nlohmann::ordered_json object = {{"start", "2026-12-01T17:15:00+07:00"},
                                     {"end", "2026-12-01T17:30:00+07:00"},
                                     {"window", "evening"},
                                     {"programme", "cds-thixa"},
                                     {"title", "Chuyên mục"},
                                     {"category", ""},
                                     {"role", "premiere"},
                                     {"source_kind", "file"},
                                     {"source", "cds/2026-12.mp3"},
                                     {"fallback", ""},
                                     {"episode", "2026-12"},
                                     {"media_ok", true},
                                     {"media_note", ""},
                                     {"fixed", true}};
    if (value.empty()) {
        object.erase(field);
    } else {
        object[field] = nlohmann::ordered_json::parse(value);
    }
    return nlohmann::ordered_json::array({object}).dump();
}

class ParsePlanJsonErrorTest : public testing::TestWithParam<BadJsonCase> {};

TEST_P(ParsePlanJsonErrorTest, ThrowsNamingTheProblem) {
    try {
        parse_plan_json(GetParam().json);
        FAIL() << "accepted " << GetParam().json;
    } catch (const std::runtime_error& error) {
        for (const std::string& part : GetParam().message_parts) {
            EXPECT_THAT(error.what(), testing::HasSubstr(part));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ParsePlanJsonErrorTest,
    testing::Values(
        BadJsonCase{"not_json", "this is not json", {"plan JSON"}},
        BadJsonCase{"truncated", "[{\"start\": ", {"plan JSON"}},
        BadJsonCase{"object_not_array", "{}", {"plan JSON", "array"}},
        BadJsonCase{"element_not_object", "[1]", {"airing [0]", "object"}},
        BadJsonCase{
            "missing_start", one_airing_with("start", ""), {"airing [0]", "\"start\"", "missing"}},
        BadJsonCase{
            "missing_fixed", one_airing_with("fixed", ""), {"airing [0]", "\"fixed\"", "missing"}},
        BadJsonCase{"missing_title", one_airing_with("title", ""), {"\"title\"", "missing"}},
        BadJsonCase{"start_not_string", one_airing_with("start", "17"), {"\"start\"", "string"}},
        BadJsonCase{"start_malformed",
                    one_airing_with("start", "\"2026-12-01 17:15\""),
                    {"airing [0]", "\"start\"", "2026-12-01 17:15"}},
        BadJsonCase{"end_without_offset",
                    one_airing_with("end", "\"2026-12-01T17:30:00\""),
                    {"\"end\"", "2026-12-01T17:30:00"}},
        BadJsonCase{"end_before_start",
                    one_airing_with("end", "\"2026-12-01T17:00:00+07:00\""),
                    {"\"end\"", "before start"}},
        BadJsonCase{"unknown_role",
                    one_airing_with("role", "\"encore\""),
                    {"airing [0]", "\"role\"", "encore"}},
        BadJsonCase{"role_not_string", one_airing_with("role", "3"), {"\"role\"", "string"}},
        BadJsonCase{"unknown_source_kind",
                    one_airing_with("source_kind", "\"stream\""),
                    {"\"source_kind\"", "stream"}},
        BadJsonCase{"media_ok_as_string",
                    one_airing_with("media_ok", "\"yes\""),
                    {"\"media_ok\"", "true or false"}},
        BadJsonCase{
            "fixed_as_number", one_airing_with("fixed", "1"), {"\"fixed\"", "true or false"}},
        BadJsonCase{"episode_null", one_airing_with("episode", "null"), {"\"episode\"", "string"}},
        BadJsonCase{"index_of_second",
                    [] {
                        auto good = nlohmann::json::parse(one_airing_with("window", "\"evening\""));
                        auto bad = nlohmann::json::parse(one_airing_with("programme", "[]"));
                        good.push_back(bad[0]);
                        return good.dump();
                    }(),
                    {"airing [1]", "\"programme\"", "string"}}),
    [](const testing::TestParamInfo<BadJsonCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace onair::scheduler
