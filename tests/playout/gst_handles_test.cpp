// A signal handler in a SignalConnection runs only while the connection lives:
// a handler that outlived its object would call into freed memory from a
// GStreamer thread (the bus's sync-message handlers of OutputSet and
// SilenceDetector). One tied to an element goes with that element, and frees
// its data then.

#include <gtest/gtest.h>

#include <utility>

#include <gst/gst.h>

#include "../../playout/src/GstHandles.hpp"
#include "../../playout/src/GstUtil.hpp"

namespace onair::playout {
namespace {

/// Renaming an element emits "notify::name" on it.
void rename(GstElement* element, const char* name) {
    g_object_set(element, "name", name, nullptr);
}

void count_call(GObject*, GParamSpec*, gpointer calls) {
    ++*static_cast<int*>(calls);
}

TEST(GstHandles, ASignalConnectionCallsItsHandlerUntilItIsDestroyed) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    auto element = make_element("identity");
    int calls = 0;
    {
        auto connection = SignalConnection::connect(element.get(), "notify::name",
                                                    G_CALLBACK(count_call), &calls);
        rename(element.get(), "first");
        EXPECT_EQ(calls, 1);
    }
    rename(element.get(), "second");
    EXPECT_EQ(calls, 1) << "the handler ran after its connection was destroyed";
}

TEST(GstHandles, AMovedSignalConnectionStaysConnectedAndDisconnectsOnce) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    auto element = make_element("identity");
    int calls = 0;
    SignalConnection kept;
    {
        auto connection = SignalConnection::connect(element.get(), "notify::name",
                                                    G_CALLBACK(count_call), &calls);
        kept = std::move(connection);
    }
    rename(element.get(), "first");
    EXPECT_EQ(calls, 1) << "the moved-from connection disconnected the handler";
    kept.disconnect();
    kept.disconnect();
    rename(element.get(), "second");
    EXPECT_EQ(calls, 1);
}

TEST(GstHandles, AConnectionTiedToABinGoesWithTheBinAndFreesItsData) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    auto bin = adopt_floating(gst_bin_new("holder"));
    auto element = make_element("identity");
    add_to(GST_BIN(bin.get()), element);
    bool freed = false;
    tie_to(bin.get(),
           SignalConnection::connect(
               element.get(), "notify::name", G_CALLBACK(+[](GObject*, GParamSpec*, gpointer) {}),
               &freed, [](gpointer flag, GClosure*) { *static_cast<bool*>(flag) = true; }));
    EXPECT_FALSE(freed) << "released while the bin lives";
    gst_bin_remove(GST_BIN(bin.get()), element.get());
    bin.reset();
    EXPECT_TRUE(freed) << "the handler's data outlived the bin it was tied to";
}

}  // namespace
}  // namespace onair::playout
