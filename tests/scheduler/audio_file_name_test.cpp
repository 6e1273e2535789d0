// is_audio_file_name: which names in a media folder are audio, as a table.
#include <ostream>

#include <gtest/gtest.h>

#include "onair/scheduler/AudioFileName.hpp"

namespace onair::scheduler {
namespace {

struct NameCase {
    const char* name;
    bool audio;
};

const NameCase name_cases[] = {
    {"tin.mp3", true},
    {"tin.ogg", true},
    {"tin.oga", true},
    {"tin.opus", true},
    {"tin.wav", true},
    {"tin.flac", true},
    {"tin.m4a", true},
    {"tin.aac", true},
    {"TIN.MP3", true},
    {"Tin.Flac", true},
    {"Bản tin sáng.MP3", true},
    {"/thu muc/2026-w49.mp3", true},
    {"tin.tar.ogg", true},
    {".mp3", false},
    {".tin.mp3", false},
    {"._tin.mp3", false},
    {"tin.mp3.part", false},
    {"tin.txt", false},
    {"tin.mp4", false},
    {"tin.", false},
    {"mp3", false},
    {"", false},
    {"/thu-muc.mp3/ghi-chu", false},
};

void PrintTo(const NameCase& name_case, std::ostream* out) {
    *out << '"' << name_case.name << '"';
}

class AudioFileName : public ::testing::TestWithParam<NameCase> {};

TEST_P(AudioFileName, IsRecognizedByExtension) {
    EXPECT_EQ(is_audio_file_name(GetParam().name), GetParam().audio) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(Cases, AudioFileName, ::testing::ValuesIn(name_cases));

}  // namespace
}  // namespace onair::scheduler
