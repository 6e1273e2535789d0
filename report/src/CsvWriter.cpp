#include "CsvText.hpp"
#include "onair/report/Report.hpp"

namespace onair::report {

namespace {

/// Large enough that a million rows make a few thousand writes, small enough
/// to stay in the cache.
constexpr std::size_t flush_at = 256 * 1024;

}  // namespace

struct CsvWriter::Impl {
    explicit Impl(const scheduler::StationTimeZone& zone) : times(zone) {}
    IsoTimeFormatter times;
};

CsvWriter::CsvWriter(std::ostream& out, const scheduler::StationTimeZone& zone)
    : out_(out), impl_(std::make_unique<Impl>(zone)) {
    buffer_.reserve(flush_at + 4096);
    buffer_ += csv_bom;
    buffer_ += csv_header_line;
}

CsvWriter::~CsvWriter() {
    // A stream that throws has already told its owner; a destructor must not throw.
    try {
        flush();
    } catch (...) {
    }
}

void CsvWriter::row(const airlog::Row& row) {
    append_csv_row(buffer_, row, impl_->times);
    if (buffer_.size() >= flush_at) {
        out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        buffer_.clear();
    }
}

void CsvWriter::flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    out_.flush();
}

}  // namespace onair::report
