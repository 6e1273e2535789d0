#pragma once
// The three priorities of an operator's insert (TT 39/2020): the one enum the
// conductor, the control protocol and the commands share.
//
// Threads: a value. Throws: nothing.

namespace onair::conductor {

enum class InsertPriority {
    normal,     ///< in the next free part of a window
    priority,   ///< after the programme on the air ends
    emergency,  ///< at once, cutting what is on the air
};

}  // namespace onair::conductor
