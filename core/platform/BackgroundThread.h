#pragma once

// Marks the calling thread as background work (the diagnosis, a large capture's fast verdict):
// on a machine with few cores, the threads that read sockets and commit captures then get the
// CPU first whenever they have something to do, so bulk work on one sender's large body never
// makes another sender wait for a time slice.
class BackgroundThread
{
public:
    static void lowerPriority();
};
