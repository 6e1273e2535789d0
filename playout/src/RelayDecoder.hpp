#pragma once
// A pipeline of its own that decodes one source (a relay's HTTP stream, or the
// fallback file) to the air's format and hands every buffer to a
// RelayAudioSink on its streaming thread.
//
// Kept out of the air pipeline on purpose: a source that hangs or fails never
// touches the air. Its errors go to its own bus (read by a sync handler, so
// nobody has to poll it), and its teardown, which may have to wait for a stuck
// socket, runs on a thread of its own: destroying a RelayDecoder never blocks.
//
// Threads: construct, start() and destroy on the owner thread; the sink is
// called from the decoder's threads until the pipeline is gone, which may be
// after the RelayDecoder is: the sink is shared for that reason, and must
// ignore calls once its owner closed it.

#include <memory>
#include <string>

#include <gst/gst.h>

#include "GstHandles.hpp"

namespace onair::playout {

class RelayAudioSink {
  public:
    virtual ~RelayAudioSink() = default;
    /// Streaming thread: decoded audio in the air's format. May block (the
    /// fallback waits there while it is off the air) until the sink is closed.
    virtual void audio(GstBuffer* buffer) = 0;
    /// Streaming thread: the stream ended (EOS) after its last audio().
    virtual void ended() = 0;
    /// Any thread: the pipeline posted an error. `from_source`: the source
    /// element posted it (the network or the file), not a demuxer or decoder.
    virtual void failed(const std::string& message, bool from_source) = 0;
};

class RelayDecoder {
  public:
    /// `source`: an element or bin with an always "src" pad in the air's format
    /// whose source element, if it wants errors told apart, is named "source".
    /// Throws std::runtime_error if an element is missing.
    RelayDecoder(const std::string& name, GObjectPtr<GstElement> source,
                 std::shared_ptr<RelayAudioSink> sink);
    /// Hands the pipeline to a thread of its own that sets it to NULL.
    ~RelayDecoder();
    RelayDecoder(const RelayDecoder&) = delete;
    RelayDecoder& operator=(const RelayDecoder&) = delete;

    /// Sets the pipeline playing (decoding starts at once; nothing waits for a
    /// clock). A refusal is reported to the sink as failed().
    void start();

  private:
    GObjectPtr<GstElement> pipeline_;
    std::shared_ptr<RelayAudioSink> sink_;
};

}  // namespace onair::playout
