// LogSettings::durable: the daemon's log waits for the disk (fsync) before an
// item goes on air; `onair simulate`'s log never does, so a month of rows is
// written in milliseconds. Counted at the source: an SQLite VFS shim that counts
// xSync calls on every file the log's connection opens.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "LogTestSupport.hpp"

#include <sqlite3.h>

#include <map>
#include <stdexcept>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;

/// While it lives, the default VFS: the real one, except that each opened
/// file's xSync is counted. The file objects are the real VFS's own; only their
/// method table is swapped for a copy whose xSync counts and forwards.
class SyncCountingVfs {
  public:
    SyncCountingVfs() : real_(sqlite3_vfs_find(nullptr)) {
        if (real_ == nullptr) {
            throw std::runtime_error("no default SQLite VFS");
        }
        vfs_ = *real_;
        vfs_.iVersion = 2;  // no system-call overrides
        vfs_.pNext = nullptr;
        vfs_.zName = "onair-sync-counting";
        vfs_.pAppData = real_;
        vfs_.xOpen = &open;
        vfs_.xSetSystemCall = nullptr;
        vfs_.xGetSystemCall = nullptr;
        vfs_.xNextSystemCall = nullptr;
        syncs_ = 0;
        if (sqlite3_vfs_register(&vfs_, 1) != SQLITE_OK) {
            throw std::runtime_error("cannot register the sync-counting VFS");
        }
    }
    ~SyncCountingVfs() {
        sqlite3_vfs_unregister(&vfs_);
        sqlite3_vfs_register(real_, 1);
    }
    SyncCountingVfs(const SyncCountingVfs&) = delete;
    SyncCountingVfs& operator=(const SyncCountingVfs&) = delete;

    static int syncs() { return syncs_; }

  private:
    static int open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
                    int* out_flags) {
        auto* real = static_cast<sqlite3_vfs*>(vfs->pAppData);
        const int result = real->xOpen(real, name, file, flags, out_flags);
        if (file->pMethods != nullptr) {
            file->pMethods = counting(file->pMethods);
        }
        return result;
    }

    // One counting copy per real method table (the unix VFS has several).
    static const sqlite3_io_methods* counting(const sqlite3_io_methods* real) {
        static std::map<const sqlite3_io_methods*, sqlite3_io_methods> copies;
        auto [copy, added] = copies.try_emplace(real, *real);
        if (added) {
            originals()[&copy->second] = real;
            copy->second.xSync = [](sqlite3_file* f, int sync_flags) {
                ++syncs_;
                return originals().at(f->pMethods)->xSync(f, sync_flags);
            };
        }
        return &copy->second;
    }
    static std::map<const sqlite3_io_methods*, const sqlite3_io_methods*>& originals() {
        static std::map<const sqlite3_io_methods*, const sqlite3_io_methods*> map;
        return map;
    }

    static inline int syncs_ = 0;
    sqlite3_vfs* real_;
    sqlite3_vfs vfs_;
};

/// How many times the disk was waited for while `rows` airings were logged.
int syncs_while_logging(const std::filesystem::path& database, bool durable, int rows) {
    LogSettings s = settings();
    s.durable = durable;
    AsAiredLog log(database, s);
    const int before = SyncCountingVfs::syncs();
    TimePoint start = at(2026, 12, 1, 17, 0);
    for (int i = 0; i < rows; ++i) {
        const std::int64_t id = log.record_start(planned_start(airing("a", start, 1min), start));
        log.heartbeat(start + 30s);
        log.record_end(id, start + 1min, Status::aired);
        start += 1min;
    }
    return SyncCountingVfs::syncs() - before;
}

TEST(DurableSetting, DurableLogWaitsForTheDiskAndSimulationLogNever) {
    TempFolder folder{"onair-airlog-durable"};
    SyncCountingVfs vfs;
    EXPECT_GE(syncs_while_logging(folder.path() / "durable.db", true, 20), 40);
    EXPECT_EQ(syncs_while_logging(folder.path() / "fast.db", false, 20), 0);

    // Not durable changes nothing of what is written or read back.
    const std::vector<Row> rows = all_rows(folder.path() / "fast.db");
    ASSERT_EQ(rows.size(), 20u);
    EXPECT_EQ(rows.back().status, Status::aired);
    EXPECT_EQ(rows.back().actual_end, at(2026, 12, 1, 17, 20));
}

}  // namespace
}  // namespace onair::airlog
