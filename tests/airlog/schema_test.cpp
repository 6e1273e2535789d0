// Which files the log opens, migrates or refuses, and what it says when it refuses.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "LogTestSupport.hpp"

#include <barrier>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;
using ::testing::HasSubstr;

constexpr std::int64_t onair_application_id = 0x4F4E4152;

class SchemaTest : public ::testing::Test {
  protected:
    std::filesystem::path database() const { return folder.path() / "onair.db"; }

    void write_file(const std::string& bytes) const {
        std::ofstream out(database(), std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    void run_sql(const std::string& sql) const {
        SQLite::Database db(database().string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(sql);
    }
    void expect_current_log() const {
        EXPECT_EQ(query_int(database(), "PRAGMA user_version"), 1);
        EXPECT_EQ(query_int(database(), "PRAGMA application_id"), onair_application_id);
        EXPECT_EQ(query_text(database(), "PRAGMA journal_mode"), "wal");
        EXPECT_EQ(query_text(database(), "PRAGMA integrity_check"), "ok");
        EXPECT_NO_THROW(all_rows(database()));
    }

    TempFolder folder{"onair-airlog-schema"};
};

TEST_F(SchemaTest, NewFileIsCreated) {
    { AsAiredLog log(database(), settings()); }
    expect_current_log();
    EXPECT_EQ(query_int(database(),
                        "SELECT count(*) FROM sqlite_schema WHERE name IN ('as_aired', "
                        "'as_aired_by_time', 'as_aired_on_air', 'as_aired_local')"),
              4);
}

TEST_F(SchemaTest, EmptyVersionZeroFileIsMigrated) {
    write_file("");
    { AsAiredLog log(database(), settings()); }
    expect_current_log();
}

TEST_F(SchemaTest, CurrentFileOpensAgainWithItsRows) {
    const TimePoint start = at(2026, 12, 1, 17, 0);
    {
        AsAiredLog log(database(), settings());
        log.record_missed(airing("p", start, 10min), "down");
    }
    {
        AsAiredLog log(database(), settings());
        EXPECT_EQ(log.rows_between(start, start + 1s).size(), 1u);
    }
    expect_current_log();
}

TEST_F(SchemaTest, SqliteDatabaseWithoutMarksGetsOurTableBesideItsOwn) {
    run_sql("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('ghi chú');");
    { AsAiredLog log(database(), settings()); }
    expect_current_log();
    EXPECT_EQ(query_text(database(), "SELECT text FROM notes"), "ghi chú");
}

TEST_F(SchemaTest, MigrationHappensOnceUnderConcurrentOpens) {
    // Logs opened on a new file at the same moment (threads released together
    // by a barrier, each with its own connection, as separate processes have):
    // every open succeeds (none tries to create the table a second time) and
    // the file is a current log. Repeated on fresh files, since one round may
    // not overlap.
    constexpr int logs = 6;
    constexpr int rounds = 10;
    for (int round = 0; round < rounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(database().string() + suffix);
        }
        std::barrier opening(logs);
        std::barrier all_open(logs);
        std::vector<std::string> failures(logs);
        std::vector<std::thread> threads;
        for (int i = 0; i < logs; ++i) {
            threads.emplace_back([&, i] {
                opening.arrive_and_wait();
                std::optional<AsAiredLog> log;
                try {
                    log.emplace(database(), settings());
                } catch (const std::exception& error) {
                    failures[static_cast<std::size_t>(i)] = error.what();
                }
                all_open.arrive_and_wait();
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        EXPECT_THAT(failures, ::testing::Each(""));
        expect_current_log();
        if (HasFailure()) {
            return;
        }
    }
}

TEST_F(SchemaTest, FilesThatAreNotOursAreRefusedAndLeftAlone) {
    struct Case {
        std::string name;
        std::function<void()> make;
        std::string message;
        /// Marked as another program's: not even its journal mode may change.
        bool foreign = true;
    };
    const std::vector<Case> cases{
        {"text file", [this] { write_file("station: {name: Đài thị xã}\n"); },
         "is not an SQLite database"},
        {"another program's user_version",
         [this] { run_sql("CREATE TABLE t (x); PRAGMA user_version = 3;"); },
         "is another program's SQLite database (user_version 3), not an onair as-aired log"},
        {"another program's application_id",
         [this] { run_sql("CREATE TABLE t (x); PRAGMA application_id = 1234;"); },
         "is another program's SQLite database (application_id 0x000004D2), not an onair "
         "as-aired log"},
        {"newer onair",
         [this] {
             run_sql("PRAGMA application_id = " + std::to_string(onair_application_id) +
                     "; PRAGMA user_version = 2;");
         },
         "was written by a newer onair (log schema version 2; this onair knows up to 1)"},
        {"foreign as_aired table", [this] { run_sql("CREATE TABLE as_aired (x);"); },
         "table as_aired already exists", false},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        std::filesystem::remove(database());
        c.make();
        const auto before_size = std::filesystem::file_size(database());
        try {
            AsAiredLog log(database(), settings());
            ADD_FAILURE() << "opened";
        } catch (const LogError& error) {
            EXPECT_THAT(error.what(), HasSubstr(database().string()));
            EXPECT_THAT(error.what(), HasSubstr(c.message));
        }
        EXPECT_THROW(all_rows(database()), LogError);
        EXPECT_EQ(std::filesystem::file_size(database()), before_size);
        if (c.foreign && c.name != "text file") {
            EXPECT_EQ(query_text(database(), "PRAGMA journal_mode"), "delete");
        }
    }
}

TEST_F(SchemaTest, ReaderSaysWhyItCannotRead) {
    try {
        all_rows(database());
        ADD_FAILURE() << "read a missing file";
    } catch (const LogError& error) {
        EXPECT_THAT(error.what(), HasSubstr("no such file"));
    }
    write_file("");
    try {
        all_rows(database());
        ADD_FAILURE() << "read an empty file";
    } catch (const LogError& error) {
        EXPECT_THAT(error.what(), HasSubstr("is not an onair as-aired log (yet)"));
    }
}

TEST_F(SchemaTest, MissingFolderIsALogError) {
    try {
        AsAiredLog log(folder.path() / "no-such-folder" / "onair.db", settings());
        ADD_FAILURE() << "opened";
    } catch (const LogError& error) {
        EXPECT_THAT(error.what(), HasSubstr("no-such-folder/onair.db"));
        EXPECT_THAT(error.what(), HasSubstr("unable to open database file"));
    }
}

}  // namespace
}  // namespace onair::airlog
