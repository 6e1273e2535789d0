// The control methods' parameters, read by ControlDispatcher before the daemon
// sees them; and LogRing, which answers `log`.

#include <gtest/gtest.h>

#include <spdlog/logger.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "onair/daemon/ControlDispatcher.hpp"
#include "onair/daemon/LogRing.hpp"

namespace onair::daemon {
namespace {

using nlohmann::json;

class RecordingMethods final : public ControlMethods {
  public:
    json status() override { return json{{"station", "Test"}}; }
    std::vector<std::string> reload() override {
        if (refuse) {
            throw station_refused({config::Diagnostic{
                "s.yaml", {3, 5}, config::Severity::error, "unknown key \"tittle\""}});
        }
        return {"s.yaml:1:1: warning: w"};
    }
    std::string skip() override { throw std::invalid_argument("nothing is on air"); }
    std::string insert(const std::filesystem::path& file, Priority priority) override {
        inserted = file;
        inserted_priority = priority;
        return "ok";
    }
    std::vector<std::string> log_tail(std::size_t lines) override {
        tail = lines;
        return {"a", "b"};
    }

    bool refuse = false;
    std::filesystem::path inserted;
    Priority inserted_priority = Priority::normal;
    std::size_t tail = 0;
};

class Dispatcher : public ::testing::Test {
  protected:
    RecordingMethods methods;
    ControlDispatcher dispatcher{methods};

    // The code and message of the error `call` throws, or {0, ""}.
    std::pair<int, std::string> error_of(const std::string& method, const json& params) {
        try {
            dispatcher.call(method, params);
        } catch (const ControlError& error) {
            return {error.code, error.message};
        }
        return {0, ""};
    }
};

TEST_F(Dispatcher, Results) {
    EXPECT_EQ(dispatcher.call("status", json::object()), (json{{"station", "Test"}}));
    EXPECT_EQ(dispatcher.call("reload", json::object()),
              (json{{"reloaded", true}, {"warnings", {"s.yaml:1:1: warning: w"}}}));
    EXPECT_EQ(dispatcher.call("insert", json{{"file", "/m/a.mp3"}, {"priority", "emergency"}}),
              (json{{"message", "ok"}}));
    EXPECT_EQ(methods.inserted, "/m/a.mp3");
    EXPECT_EQ(methods.inserted_priority, ControlMethods::Priority::emergency);
    dispatcher.call("insert", json{{"file", "/m/b.mp3"}});
    EXPECT_EQ(methods.inserted_priority, ControlMethods::Priority::normal);
    dispatcher.call("insert", json{{"file", "/m/b.mp3"}, {"priority", "priority"}});
    EXPECT_EQ(methods.inserted_priority, ControlMethods::Priority::priority);
    EXPECT_EQ(dispatcher.call("log", json{{"tail", 2}}), (json{{"lines", {"a", "b"}}}));
    EXPECT_EQ(methods.tail, 2u);
    dispatcher.call("log", json::object());
    EXPECT_EQ(methods.tail, ControlDispatcher::default_log_lines);
    dispatcher.call("log", json{{"tail", 1'000'000}});
    EXPECT_EQ(methods.tail, ControlDispatcher::max_log_lines);
}

TEST_F(Dispatcher, BadParametersAreInvalidParams) {
    struct Case {
        std::string method;
        json params;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {"status",
              {{"verbose", true}},
              "unknown parameter \"verbose\"; this method takes none"},
             {"insert", json::object(), "file (an absolute path) is required"},
             {"insert", {{"file", 3}}, "file (an absolute path) is required"},
             {"insert", {{"file", "a.mp3"}}, "file must be an absolute path, not \"a.mp3\""},
             {"insert",
              {{"file", "/a.mp3"}, {"priority", "urgent"}},
              "priority must be \"normal\", \"priority\" or \"emergency\", not \"urgent\""},
             {"insert",
              {{"file", "/a.mp3"}, {"prio", "normal"}},
              "unknown parameter \"prio\"; the parameters are file, priority"},
             {"log", {{"tail", 0}}, "tail must be a whole number of lines, at least 1"},
             {"log", {{"tail", "5"}}, "tail must be a whole number of lines, at least 1"},
         }) {
        SCOPED_TRACE(c.method + " " + c.params.dump());
        EXPECT_EQ(error_of(c.method, c.params),
                  (std::pair<int, std::string>{control_code::invalid_params, c.message}));
    }
    EXPECT_EQ(error_of("stauts", json::object()).first, control_code::method_not_found);
}

TEST_F(Dispatcher, ARefusedReloadCarriesTheLocatedErrors) {
    methods.refuse = true;
    try {
        dispatcher.call("reload", json::object());
        FAIL() << "reload was not refused";
    } catch (const ControlError& error) {
        EXPECT_EQ(error.code, control_code::refused);
        EXPECT_EQ(error.message, "s.yaml:3:5: error: unknown key \"tittle\"");
        EXPECT_EQ(error.data, (json{"s.yaml:3:5: error: unknown key \"tittle\""}));
    }
}

TEST(LogRing, KeepsTheLastLinesInOrder) {
    auto ring = std::make_shared<LogRing>(3, "%l [%n] %v");
    spdlog::logger logger{"daemon", ring};
    logger.set_level(spdlog::level::debug);
    EXPECT_TRUE(ring->tail(10).empty());
    for (int i = 1; i <= 5; ++i) {
        logger.info("line {}", i);
    }
    logger.warn("relay tinh-cds dropped after 12m03s");
    EXPECT_EQ(ring->tail(10),
              (std::vector<std::string>{"info [daemon] line 4", "info [daemon] line 5",
                                        "warning [daemon] relay tinh-cds dropped "
                                        "after 12m03s"}));
    EXPECT_EQ(ring->tail(1),
              (std::vector<std::string>{"warning [daemon] relay tinh-cds dropped after 12m03s"}));
    EXPECT_TRUE(ring->tail(0).empty());
}

TEST(LogRing, DefaultLinesHaveATimestamp) {
    auto ring = std::make_shared<LogRing>(10);
    spdlog::logger logger{"control", ring};
    logger.info("control socket listening on /run/onair/control.sock");
    const auto lines = ring->tail(1);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_TRUE(
        std::regex_search(lines[0], std::regex{R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} )"}))
        << lines[0];
    EXPECT_NE(lines[0].find("info [control] control socket listening"), std::string::npos)
        << lines[0];
}

TEST(LogRing, WritersAndReadersOnSeveralThreads) {
    auto ring = std::make_shared<LogRing>(100, "%v");
    spdlog::logger logger{"daemon", ring};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
        writers.emplace_back([&logger, t] {
            for (int i = 0; i < 2000; ++i) {
                logger.info("{} {}", t, i);
            }
        });
    }
    std::size_t seen = 0;
    for (int i = 0; i < 2000; ++i) {
        seen = std::max(seen, ring->tail(50).size());
    }
    for (auto& writer : writers) {
        writer.join();
    }
    EXPECT_LE(seen, 50u);
    EXPECT_EQ(ring->tail(1000).size(), 100u);
}

}  // namespace
}  // namespace onair::daemon
