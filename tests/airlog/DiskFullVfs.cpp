#include "DiskFullVfs.hpp"

#include <stdexcept>

namespace onair::airlog::testing {

// Our file object; the real VFS's file object follows it in the same allocation
// (SQLite allocates szOsFile bytes per file).
struct DiskFullVfs::File {
    sqlite3_file base;
    DiskFullVfs* owner;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

// Everything but xWrite goes straight to the real file.
const sqlite3_io_methods* DiskFullVfs::io_methods() {
    static const sqlite3_io_methods methods{
        3,
        [](sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); },
        [](sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
            return real_of(f)->pMethods->xRead(real_of(f), data, amount, offset);
        },
        &DiskFullVfs::write,
        [](sqlite3_file* f, sqlite3_int64 size) {
            return real_of(f)->pMethods->xTruncate(real_of(f), size);
        },
        [](sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); },
        [](sqlite3_file* f, sqlite3_int64* size) {
            return real_of(f)->pMethods->xFileSize(real_of(f), size);
        },
        [](sqlite3_file* f, int lock) { return real_of(f)->pMethods->xLock(real_of(f), lock); },
        [](sqlite3_file* f, int lock) { return real_of(f)->pMethods->xUnlock(real_of(f), lock); },
        [](sqlite3_file* f, int* out) {
            return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
        },
        [](sqlite3_file* f, int op, void* arg) {
            return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
        },
        [](sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); },
        [](sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); },
        [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
            return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
        },
        [](sqlite3_file* f, int offset, int n, int flags) {
            return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
        },
        [](sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); },
        [](sqlite3_file* f, int remove) {
            return real_of(f)->pMethods->xShmUnmap(real_of(f), remove);
        },
        [](sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
            return real_of(f)->pMethods->xFetch(real_of(f), offset, amount, out);
        },
        [](sqlite3_file* f, sqlite3_int64 offset, void* p) {
            return real_of(f)->pMethods->xUnfetch(real_of(f), offset, p);
        },
    };
    return &methods;
}

sqlite3_file* DiskFullVfs::real_of(sqlite3_file* file) {
    return reinterpret_cast<File*>(file)->real();
}

sqlite3_vfs* DiskFullVfs::real_vfs(sqlite3_vfs* vfs) {
    return static_cast<DiskFullVfs*>(vfs->pAppData)->real_;
}

DiskFullVfs::DiskFullVfs() : real_(sqlite3_vfs_find(nullptr)) {
    if (real_ == nullptr) {
        throw std::runtime_error("no default SQLite VFS");
    }
    static_assert(sizeof(File) == sizeof(sqlite3_file) + sizeof(void*));
    // The real VFS's methods for everything but opening files.
    vfs_ = *real_;
    vfs_.iVersion = 2;  // no system-call overrides
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.pNext = nullptr;
    vfs_.zName = "onair-disk-full";
    vfs_.pAppData = this;
    vfs_.xOpen = &DiskFullVfs::open;
    vfs_.xDelete = [](sqlite3_vfs* v, const char* name, int sync) {
        return real_vfs(v)->xDelete(real_vfs(v), name, sync);
    };
    vfs_.xAccess = [](sqlite3_vfs* v, const char* name, int flags, int* out) {
        return real_vfs(v)->xAccess(real_vfs(v), name, flags, out);
    };
    vfs_.xFullPathname = [](sqlite3_vfs* v, const char* name, int size, char* out) {
        return real_vfs(v)->xFullPathname(real_vfs(v), name, size, out);
    };
    vfs_.xRandomness = [](sqlite3_vfs* v, int size, char* out) {
        return real_vfs(v)->xRandomness(real_vfs(v), size, out);
    };
    vfs_.xSleep = [](sqlite3_vfs* v, int micros) {
        return real_vfs(v)->xSleep(real_vfs(v), micros);
    };
    vfs_.xCurrentTime = [](sqlite3_vfs* v, double* out) {
        return real_vfs(v)->xCurrentTime(real_vfs(v), out);
    };
    vfs_.xGetLastError = [](sqlite3_vfs* v, int size, char* out) {
        return real_vfs(v)->xGetLastError(real_vfs(v), size, out);
    };
    vfs_.xCurrentTimeInt64 = [](sqlite3_vfs* v, sqlite3_int64* out) {
        return real_vfs(v)->xCurrentTimeInt64(real_vfs(v), out);
    };
    vfs_.xSetSystemCall = nullptr;
    vfs_.xGetSystemCall = nullptr;
    vfs_.xNextSystemCall = nullptr;
    if (sqlite3_vfs_register(&vfs_, 1) != SQLITE_OK) {
        throw std::runtime_error("cannot register the disk-full VFS");
    }
}

DiskFullVfs::~DiskFullVfs() {
    sqlite3_vfs_unregister(&vfs_);
    // Unregistering the default makes the next one in the list the default;
    // make sure that is the one we found.
    sqlite3_vfs_register(real_, 1);
}

int DiskFullVfs::open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
                      int* out_flags) {
    auto* self = static_cast<DiskFullVfs*>(vfs->pAppData);
    auto* ours = reinterpret_cast<File*>(file);
    ours->owner = self;
    ours->base.pMethods = nullptr;
    const int result = self->real_->xOpen(self->real_, name, ours->real(), flags, out_flags);
    // SQLite calls xClose whenever pMethods is set, even after a failed open.
    if (ours->real()->pMethods != nullptr) {
        ours->base.pMethods = io_methods();
    }
    return result;
}

int DiskFullVfs::write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    auto* ours = reinterpret_cast<File*>(file);
    if (ours->owner->full_) {
        ++ours->owner->refused_;
        return SQLITE_FULL;
    }
    return ours->real()->pMethods->xWrite(ours->real(), data, amount, offset);
}

}  // namespace onair::airlog::testing
