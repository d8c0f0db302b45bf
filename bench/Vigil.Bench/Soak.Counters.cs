using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Vigil.Bench;

internal static partial class Soak
{
    /// <summary>
    /// The server's runtime counters (the managed heap, GC, thread pool), read from outside
    /// over the runtime's own diagnostics port (EventPipe, the local socket every .NET process opens for its own
    /// user, which dotnet-counters reads): nothing is added to the app. The latest value of each counter is kept.
    /// </summary>
    private sealed class RuntimeCounters : IDisposable
    {
        private readonly Dictionary<string, double> latest = new(StringComparer.Ordinal);
        private readonly EventPipeSession session;
        private readonly Task processing;
        private long events;

        /// <summary>Events read from the server so far, and the counters among them.</summary>
        public string Seen()
        {
            lock (latest)
            {
                return $"{Interlocked.Read(ref events)} events, counters: {string.Join(", ", latest.Keys.Order())}";
            }
        }

        private RuntimeCounters(EventPipeSession session)
        {
            this.session = session;
            var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += OnEvent;
            processing = Task.Run(() =>
            {
                try
                {
                    source.Process();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
                {
                    // The server was killed: the stream ends.
                }
            });
        }

        /// <summary>Null (with the reason printed) if the port cannot be reached.</summary>
        public static RuntimeCounters? TryStart(int pid, int intervalSeconds)
        {
            try
            {
                var arguments = new Dictionary<string, string> { ["EventCounterIntervalSec"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                var providers = new[]
                {
                    new EventPipeProvider("System.Runtime", EventLevel.Informational, (long)EventKeywords.None, arguments),
                };
                var session = new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: false);
                return new RuntimeCounters(session);
            }
            catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
            {
                Console.WriteLine($"runtime counters unavailable ({e.GetType().Name}: {e.Message}): managed heap not sampled");
                return null;
            }
        }

        private void OnEvent(TraceEvent e)
        {
            Interlocked.Increment(ref events);
            // The event's one field (unnamed as EventPipe's dynamic parser reads it) is a struct: {"Payload": {"Name": ..., "Mean": ...}}.
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer)
            {
                return;
            }
            // The counter's fields, one level down ({"Payload": {"Name": ..., "Mean": ...}}) or at the top.
            var payload = outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> fields ? fields : outer;
            if (!payload.TryGetValue("Name", out var name))
            {
                return;
            }
            var value = payload.TryGetValue("Mean", out var mean) ? mean : payload.TryGetValue("Increment", out var increment) ? increment : null;
            if (value is null)
            {
                return;
            }
            lock (latest)
            {
                latest[(string)name] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        public double? Get(string name)
        {
            lock (latest)
            {
                return latest.TryGetValue(name, out var v) ? v : null;
            }
        }

        public void Dispose()
        {
            try
            {
                session.Stop();
            }
            catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException or EndOfStreamException)
            {
                // The server is gone already.
            }
            session.Dispose();
            processing.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
