#pragma once
// RAII handles for GLib and GStreamer objects: the one place that knows how each
// kind of pointer is released. Every raw pointer we get from GLib/GStreamer goes
// into one of these as soon as we receive it, so early returns and exceptions
// cannot leak.
//
// Ownership at the wrap is explicit, as in Qt Multimedia's GStreamer backend:
// - the constructors (and `adopt`) take over a reference the caller already owns
//   ("transfer full" in the GStreamer docs);
// - `adopt_floating` sinks a floating reference (elements straight from a
//   factory or gst_parse_launch) so that we own a normal one;
// - `ref_borrowed` adds a reference to a pointer we were only lent
//   ("transfer none").
//
// Signal handlers are objects too (SignalConnection): connected into one, and
// disconnected when it goes, so no handler outlives the object it calls into.
//
// Handles are not thread-safe themselves; the objects behind them follow
// GStreamer's own rules (refcounting is atomic).

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <glib.h>
#include <gst/gst.h>

namespace onair::playout {

struct GObjectUnref {
    void operator()(gpointer object) const noexcept { g_object_unref(object); }
};

/// Any GObject (GstElement, GstBus, GstDiscoverer, GstDiscovererInfo, ...).
template <class T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

template <class T>
GObjectPtr<T> adopt(T* owned) noexcept {
    return GObjectPtr<T>(owned);
}

template <class T>
GObjectPtr<T> adopt_floating(T* floating) noexcept {
    if (floating != nullptr) {
        gst_object_ref_sink(floating);
    }
    return GObjectPtr<T>(floating);
}

template <class T>
GObjectPtr<T> ref_borrowed(T* borrowed) noexcept {
    if (borrowed != nullptr) {
        g_object_ref(borrowed);
    }
    return GObjectPtr<T>(borrowed);
}

struct GstMiniObjectUnref {
    void operator()(gpointer object) const noexcept {
        gst_mini_object_unref(GST_MINI_OBJECT_CAST(object));
    }
};

/// GstMessage, GstCaps, GstBuffer, GstEvent, ...
template <class T>
using GstMiniObjectPtr = std::unique_ptr<T, GstMiniObjectUnref>;

using GstMessagePtr = GstMiniObjectPtr<GstMessage>;
using GstCapsPtr = GstMiniObjectPtr<GstCaps>;

struct GFreeDeleter {
    void operator()(gpointer memory) const noexcept { g_free(memory); }
};

/// A string GLib allocated and we must g_free.
using GCharPtr = std::unique_ptr<gchar, GFreeDeleter>;

/// Turns a g_free'd string into a std::string ("" for null) and frees it.
inline std::string take_string(gchar* owned) {
    GCharPtr holder(owned);
    return holder ? std::string(holder.get()) : std::string();
}

template <void (*Free)(GList*)>
struct GListDeleter {
    void operator()(GList* list) const noexcept { Free(list); }
};

/// A GList whose elements need a type-specific free, e.g.
/// `GListPtr<gst_discoverer_stream_info_list_free>`.
template <void (*Free)(GList*)>
using GListPtr = std::unique_ptr<GList, GListDeleter<Free>>;

/// The usual `GError** error` out-parameter: pass `error.out()`, then test it.
class GErrorHolder {
  public:
    GErrorHolder() = default;
    GErrorHolder(const GErrorHolder&) = delete;
    GErrorHolder& operator=(const GErrorHolder&) = delete;
    ~GErrorHolder() { g_clear_error(&error_); }

    /// Clears any previous error: GLib requires *out to be null on entry.
    GError** out() noexcept {
        g_clear_error(&error_);
        return &error_;
    }

    explicit operator bool() const noexcept { return error_ != nullptr; }
    const GError* get() const noexcept { return error_; }

    std::string message() const {
        return error_ != nullptr && error_->message != nullptr ? error_->message : "";
    }

  private:
    GError* error_ = nullptr;
};

/// A handler connected to a GObject's signal, disconnected in the destructor
/// (as Qt Multimedia's scoped handler connections). It holds a reference to the
/// instance, so the disconnect always finds it. Move-only.
class SignalConnection {
  public:
    SignalConnection() = default;

    /// g_signal_connect_data(): `free_data` (may be null) frees `data` once the
    /// handler is disconnected and no longer running.
    static SignalConnection connect(gpointer instance, const char* detailed_signal,
                                    GCallback handler, gpointer data,
                                    GClosureNotify free_data = nullptr) {
        SignalConnection connection;
        connection.id_ = g_signal_connect_data(instance, detailed_signal, handler, data, free_data,
                                               static_cast<GConnectFlags>(0));
        connection.instance_ = ref_borrowed(G_OBJECT(instance));
        return connection;
    }

    SignalConnection(SignalConnection&& other) noexcept
        : instance_(std::move(other.instance_)), id_(std::exchange(other.id_, 0)) {}
    SignalConnection& operator=(SignalConnection&& other) noexcept {
        if (this != &other) {
            disconnect();
            instance_ = std::move(other.instance_);
            id_ = std::exchange(other.id_, 0);
        }
        return *this;
    }
    SignalConnection(const SignalConnection&) = delete;
    SignalConnection& operator=(const SignalConnection&) = delete;
    ~SignalConnection() { disconnect(); }

    /// Safe to call twice.
    void disconnect() noexcept {
        if (instance_ && id_ != 0) {
            g_signal_handler_disconnect(instance_.get(), id_);
        }
        id_ = 0;
        instance_.reset();
    }

    explicit operator bool() const noexcept { return id_ != 0; }

  private:
    GObjectPtr<GObject> instance_;
    gulong id_ = 0;
};

/// Makes `connection` live exactly as long as `owner` (it is released when
/// `owner` is finalized): for a handler on an element inside a bin that we
/// build and hand away, such as a decodebin's "pad-added".
inline void tie_to(gpointer owner, SignalConnection connection) {
    auto* held = new SignalConnection(std::move(connection));
    // Named after itself, so several connections can be tied to one owner.
    const std::string name =
        "onair-signal-" + std::to_string(reinterpret_cast<std::uintptr_t>(held));
    g_object_set_data_full(G_OBJECT(owner), name.c_str(), held,
                           [](gpointer data) { delete static_cast<SignalConnection*>(data); });
}

}  // namespace onair::playout
