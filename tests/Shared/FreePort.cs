using System.Net;
using System.Net.Sockets;

namespace MinRnnLab.Tests.Shared;

/// <summary>A loopback port nothing listens on now: tests never use the platform's default ports, which may be taken.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
