// The engine's GStreamer helpers keep reference counts exact: an element the
// engine adds to a bin and later removes must be finalized once the engine
// drops its own handle. An extra reference here kept every played item's bin
// (decoder, resampler and all) alive for the life of the process: about 80 KB
// an item, hundreds of megabytes a month on a station's air.

#include <gtest/gtest.h>

#include <gst/gst.h>

#include "../../playout/src/GstUtil.hpp"

namespace onair::playout {
namespace {

TEST(GstUtil, ABinHoldsItsOwnReferenceAndDropsItOnRemoval) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    auto bin = adopt_floating(gst_bin_new("holder"));
    auto element = make_element("identity");
    bool finalized = false;
    g_object_weak_ref(
        G_OBJECT(element.get()), [](gpointer flag, GObject*) { *static_cast<bool*>(flag) = true; },
        &finalized);

    add_to(GST_BIN(bin.get()), element);
    EXPECT_EQ(GST_OBJECT_REFCOUNT_VALUE(element.get()), 2) << "ours and the bin's";
    EXPECT_EQ(GST_OBJECT_PARENT(element.get()), GST_OBJECT(bin.get()));

    gst_bin_remove(GST_BIN(bin.get()), element.get());
    EXPECT_EQ(GST_OBJECT_REFCOUNT_VALUE(element.get()), 1) << "only ours";
    element.reset();
    EXPECT_TRUE(finalized);
}

TEST(GstUtil, AnElementLeftInABinGoesWithTheBin) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    auto bin = adopt_floating(gst_bin_new("holder"));
    bool finalized = false;
    {
        auto element = make_element("identity");
        g_object_weak_ref(
            G_OBJECT(element.get()),
            [](gpointer flag, GObject*) { *static_cast<bool*>(flag) = true; }, &finalized);
        add_to(GST_BIN(bin.get()), element);
    }
    EXPECT_FALSE(finalized) << "the bin still holds it";
    bin.reset();
    EXPECT_TRUE(finalized);
}

}  // namespace
}  // namespace onair::playout
