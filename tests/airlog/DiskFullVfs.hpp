#pragma once
// A disk that fills up on command, for root too (a read-only folder or file does
// not stop root). An SQLite VFS over the default one whose writes fail with
// SQLITE_FULL, as the OS's ENOSPC would, while full() is set. While it lives it
// is the default VFS, so connections opened meanwhile (the log's) go through it.
// Reads, locks and the WAL index (shared memory) pass through untouched.

#include <sqlite3.h>

namespace onair::airlog::testing {

class DiskFullVfs {
  public:
    DiskFullVfs();
    ~DiskFullVfs();
    DiskFullVfs(const DiskFullVfs&) = delete;
    DiskFullVfs& operator=(const DiskFullVfs&) = delete;

    void set_full(bool full) noexcept { full_ = full; }
    bool full() const noexcept { return full_; }
    /// Writes refused since construction.
    int refused_writes() const noexcept { return refused_; }

  private:
    struct File;
    static int open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
                    int* out_flags);
    static int write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset);
    static const sqlite3_io_methods* io_methods();
    static sqlite3_file* real_of(sqlite3_file* file);
    static sqlite3_vfs* real_vfs(sqlite3_vfs* vfs);

    sqlite3_vfs* real_;
    sqlite3_vfs vfs_;
    bool full_ = false;
    int refused_ = 0;
};

}  // namespace onair::airlog::testing
