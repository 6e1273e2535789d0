// The control socket: JSON-RPC 2.0 lines in and out over a real Unix socket,
// with a fake handler; the socket file's mode and life; the client's errors.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>

#include "../support/TempFolder.hpp"
#include "ControlTestServer.hpp"
#include "onair/cli/ControlClient.hpp"

namespace onair::cli {

namespace control_code = daemon::control_code;
using daemon::ControlError;
using daemon::ControlHandler;
using daemon::ControlServer;
using daemon::ControlSocketError;
namespace {

using nlohmann::json;
using testing::LineClient;
using testing::RunningControlServer;
using namespace std::chrono_literals;

/// Echoes `echo`, fails in each way a handler may fail, and counts its calls.
class FakeHandler final : public ControlHandler {
  public:
    json call(const std::string& method, const json& params) override {
        {
            const std::lock_guard lock{mutex_};
            ++calls_;
            methods_.push_back(method);
        }
        if (method == "echo") {
            return json{{"method", method}, {"params", params}};
        }
        if (method == "refuse") {
            throw ControlError(control_code::refused,
                               "s.yaml:3:5: error: bad\ns.yaml:4:1: error: worse",
                               json{"s.yaml:3:5: error: bad", "s.yaml:4:1: error: worse"});
        }
        if (method == "invalid") {
            throw std::invalid_argument("nothing is on air");
        }
        if (method == "crash") {
            throw std::runtime_error("boom");
        }
        throw ControlError(control_code::method_not_found, "unknown method \"" + method + "\"");
    }

    int calls() const {
        const std::lock_guard lock{mutex_};
        return calls_;
    }
    std::vector<std::string> methods() const {
        const std::lock_guard lock{mutex_};
        return methods_;
    }

  private:
    mutable std::mutex mutex_;
    int calls_ = 0;
    std::vector<std::string> methods_;
};

class ControlServerTest : public ::testing::Test {
  protected:
    testing::TempFolder folder{"onair-control"};
    std::filesystem::path socket = folder.path() / "control.sock";
    FakeHandler handler;
};

std::string request(int id, const std::string& method, const json& params = json::object()) {
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump() +
           "\n";
}

// A socket file nobody listens on, as a daemon killed with SIGKILL leaves it.
void leave_stale_socket(const std::filesystem::path& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    const sockaddr_un address = testing::unix_address(path);
    ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
    ASSERT_EQ(::listen(fd, 1), 0);
    ::close(fd);
    ASSERT_TRUE(std::filesystem::is_socket(path));
}

TEST_F(ControlServerTest, ClientRoundTrip) {
    RunningControlServer server{socket, handler};
    ControlClient client{socket};
    EXPECT_EQ(client.call("echo", json{{"tail", 3}, {"file", "/a/b.mp3"}}),
              (json{{"method", "echo"}, {"params", {{"tail", 3}, {"file", "/a/b.mp3"}}}}));
    EXPECT_EQ(client.call("echo"), (json{{"method", "echo"}, {"params", json::object()}}));
    // Vietnamese text survives both ways.
    EXPECT_EQ(client.call("echo", json{{"t", "Chuyển đổi số"}})["params"]["t"], "Chuyển đổi số");
}

TEST_F(ControlServerTest, BadRequestsGetJsonRpcErrors) {
    RunningControlServer server{socket, handler};
    struct Case {
        std::string line;
        int code;
        json id;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", -32700, nullptr, "parse error"},
             {"status", -32700, nullptr, "parse error"},
             {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}]", -32600, nullptr,
              "batches are not supported"},
             {"42", -32600, nullptr, "a request is a JSON object"},
             {"{\"jsonrpc\":\"2.0\",\"id\":7}", -32600, 7, "method must be a string"},
             {"{\"id\":\"x\",\"method\":\"echo\"}", -32600, "x", "\"jsonrpc\": \"2.0\" is missing"},
             {"{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"echo\"}", -32600, nullptr,
              "id must be"},
             {request(3, "frobnicate"), -32601, 3, "unknown method \"frobnicate\""},
             {"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"echo\",\"params\":[1]}", -32602, 4,
              "params must be an object"},
             {request(5, "invalid"), 1, 5, "nothing is on air"},
             {request(6, "crash"), -32603, 6, "internal error: boom"},
         }) {
        SCOPED_TRACE(c.line);
        LineClient client{socket};
        client.send(c.line.back() == '\n' ? c.line : c.line + "\n");
        const auto line = client.read_line();
        ASSERT_TRUE(line);
        const json reply = json::parse(*line);
        EXPECT_EQ(reply["jsonrpc"], "2.0");
        EXPECT_EQ(reply["id"], c.id);
        EXPECT_FALSE(reply.contains("result"));
        EXPECT_EQ(reply["error"]["code"], c.code);
        EXPECT_NE(reply["error"]["message"].get<std::string>().find(c.message), std::string::npos)
            << reply["error"]["message"];
    }
}

TEST_F(ControlServerTest, RefusalsKeepTheirData) {
    RunningControlServer server{socket, handler};
    try {
        ControlClient{socket}.call("refuse");
        FAIL() << "no error";
    } catch (const ControlError& error) {
        EXPECT_EQ(error.code, control_code::refused);
        EXPECT_EQ(error.message, "s.yaml:3:5: error: bad\ns.yaml:4:1: error: worse");
        EXPECT_EQ(error.data, (json{"s.yaml:3:5: error: bad", "s.yaml:4:1: error: worse"}));
    }
}

TEST_F(ControlServerTest, SeveralRequestsOnOneConnectionAreAnsweredInOrder) {
    RunningControlServer server{socket, handler};
    LineClient client{socket};
    // Sent in one write, with a blank line, a notification, a broken line and
    // a CRLF line end among them.
    std::string third = request(3, "echo", {{"n", 3}});
    third.back() = '\r';
    client.send(request(1, "echo") + "\n" + request(2, "frobnicate") +
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}\n" + "{oops\n" + third + "\n");
    std::vector<json> replies;
    for (int i = 0; i < 4; ++i) {
        const auto line = client.read_line();
        ASSERT_TRUE(line) << "reply " << i + 1;
        replies.push_back(json::parse(*line));
    }
    EXPECT_EQ(replies[0]["id"], 1);
    EXPECT_EQ(replies[0]["result"]["method"], "echo");
    EXPECT_EQ(replies[1]["id"], 2);
    EXPECT_EQ(replies[1]["error"]["code"], -32601);
    EXPECT_EQ(replies[2]["error"]["code"], -32700);
    EXPECT_EQ(replies[3]["id"], 3);
    EXPECT_EQ(replies[3]["result"]["params"]["n"], 3);
    // The notification ran but was not answered.
    EXPECT_EQ(handler.methods(), (std::vector<std::string>{"echo", "frobnicate", "echo", "echo"}));
    // Still open for more; answers come in order, so had the notification been
    // answered, its answer would come before 9's.
    client.send(request(9, "echo"));
    const auto more = client.read_line();
    ASSERT_TRUE(more);
    EXPECT_EQ(json::parse(*more)["id"], 9);
}

TEST_F(ControlServerTest, AHugeLineIsRefusedAndClosesOnlyItsConnection) {
    RunningControlServer server{socket, handler};
    LineClient huge{socket};
    // 70 KiB of a string that never ends, without a newline.
    huge.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"x\":\"" +
              std::string(70 * 1024, 'a'));
    const auto line = huge.read_line();
    ASSERT_TRUE(line);
    const json reply = json::parse(*line);
    EXPECT_EQ(reply["error"]["code"], -32600);
    EXPECT_NE(reply["error"]["message"].get<std::string>().find("longer than 64 KiB"),
              std::string::npos);
    EXPECT_TRUE(huge.closed_by_server());
    EXPECT_EQ(handler.calls(), 0);
    // A line just under the limit is fine.
    LineClient big{socket};
    const std::string head =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{\"x\":\"";
    big.send(head + std::string(64 * 1024 - head.size() - 3, 'b') + "\"}}\n");
    const auto answer = big.read_line();
    ASSERT_TRUE(answer);
    EXPECT_EQ(json::parse(*answer)["id"], 2);
    EXPECT_EQ(ControlClient{socket}.call("echo")["method"], "echo");
}

TEST_F(ControlServerTest, AQuietClientDoesNotHoldUpAnother) {
    RunningControlServer server{socket, handler};
    LineClient quiet{socket};
    quiet.send("{\"jsonrpc\":\"2.0\",\"id\":1,");  // half a request, then nothing
    LineClient other{socket};
    other.send(request(2, "echo"));
    const auto answer = other.read_line();
    ASSERT_TRUE(answer);
    EXPECT_EQ(json::parse(*answer)["id"], 2);
    EXPECT_EQ(ControlClient{socket}.call("echo")["method"], "echo");
    quiet.send("\"method\":\"echo\"}\n");
    const auto late = quiet.read_line();
    ASSERT_TRUE(late);
    EXPECT_EQ(json::parse(*late)["id"], 1);
}

TEST_F(ControlServerTest, TheSocketIsReadableAndWritableByUserAndGroupOnly) {
    const mode_t old_umask = ::umask(0);  // the mode must not depend on the umask
    RunningControlServer server{socket, handler};
    ::umask(old_umask);
    struct stat info {};
    ASSERT_EQ(::stat(socket.c_str(), &info), 0);
    EXPECT_TRUE(S_ISSOCK(info.st_mode));
    EXPECT_EQ(info.st_mode & 07777, 0660u);
}

TEST_F(ControlServerTest, TheSocketFileIsRemovedOnShutdown) {
    RunningControlServer server{socket, handler};
    ASSERT_TRUE(std::filesystem::is_socket(socket));
    server.stop();
    EXPECT_FALSE(std::filesystem::exists(socket));
}

TEST_F(ControlServerTest, AStaleSocketIsReplaced) {
    leave_stale_socket(socket);
    RunningControlServer server{socket, handler};
    EXPECT_EQ(ControlClient{socket}.call("echo")["method"], "echo");
}

TEST_F(ControlServerTest, ALiveSocketIsNotTakenOver) {
    RunningControlServer first{socket, handler};
    FakeHandler second_handler;
    boost::asio::io_context io;
    try {
        ControlServer second{io, socket, second_handler};
        FAIL() << "a second server started on a live socket";
    } catch (const ControlSocketError& error) {
        EXPECT_NE(std::string{error.what()}.find("another onair is already running with the "
                                                 "control socket " +
                                                 socket.string()),
                  std::string::npos)
            << error.what();
    }
    // The first one still answers, on its own file.
    EXPECT_EQ(ControlClient{socket}.call("echo")["method"], "echo");
    EXPECT_EQ(second_handler.calls(), 0);
}

TEST_F(ControlServerTest, SomethingElseAtThePathIsLeftAlone) {
    std::ofstream{socket} << "not a socket";
    boost::asio::io_context io;
    EXPECT_THROW((ControlServer{io, socket, handler}), ControlSocketError);
    std::ifstream in{socket};
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "not a socket");
    // A missing folder is a clear error too.
    EXPECT_THROW((ControlServer{io, folder.path() / "no" / "such.sock", handler}),
                 ControlSocketError);
}

TEST_F(ControlServerTest, TheClientSaysWhyItCannotReachTheDaemon) {
    struct Case {
        const char* what;
        std::function<void()> prepare;
        std::string message;
    };
    const std::vector<Case> cases{
        {"no socket", [] {}, "no such socket (is onair running?)"},
        {"stale socket", [&] { leave_stale_socket(socket); },
         "nobody is listening on it (is onair running?)"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        std::filesystem::remove(socket);
        c.prepare();
        try {
            ControlClient{socket}.call("status");
            FAIL() << "reached a daemon";
        } catch (const ControlUnreachable& error) {
            EXPECT_EQ(std::string{error.what()}, c.message);
        }
    }
}

TEST_F(ControlServerTest, TheClientGivesUpOnADaemonThatDoesNotAnswer) {
    // Listens, never accepts: a daemon whose event loop is stuck.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    const sockaddr_un address = testing::unix_address(socket);
    ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    const auto begin = std::chrono::steady_clock::now();
    try {
        ControlClient{socket, 300ms}.call("status");
        FAIL() << "got an answer";
    } catch (const ControlUnreachable& error) {
        EXPECT_NE(std::string{error.what()}.find("no answer within 300 ms"), std::string::npos)
            << error.what();
    }
    // Not before its own timeout (less what poll()'s whole milliseconds round
    // off), and on it rather than on the default one: the 4.7 s between the
    // two are room no loaded machine needs.
    const auto waited = std::chrono::steady_clock::now() - begin;
    EXPECT_GE(waited, 290ms);
    EXPECT_LT(waited, ControlClient::default_timeout);
    ::close(fd);
}

}  // namespace
}  // namespace onair::cli
