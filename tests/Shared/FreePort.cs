using System.Net;
using System.Net.Sockets;

namespace MinRnnLab.Tests.Shared;

/// <summary>
/// A loopback port nothing listens on now: tests never use the platform's default ports, which may be taken. Taken
/// below Linux's ephemeral range (32768–60999 by default): a port the kernel hands out for "any free port" it may hand
/// out again as the local end of any outgoing connection (Chromium's, a client's) before the test binds it, and a web
/// test's app once failed to start with "address already in use" that way.
/// </summary>
public static class FreePort
{
    private const int First = 20_000, Last = 29_999;                           // the platform's gateway is 30000
    // A different start in each test process, then never the same port twice within one.
    private static int next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (var tried = 0; tried < Last - First; tried++)
        {
            var port = First + (Interlocked.Increment(ref next) - First) % (Last - First);
            if (IsFree(port))
                return port;
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
