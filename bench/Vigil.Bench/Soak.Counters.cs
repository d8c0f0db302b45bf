using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Vigil.Bench;

internal static partial class Soak
{
    /// <summary>A full (generation 2) collection as the runtime's GC events told it: when, why, which kind, and
    /// generation 2 before it (after the collection before), after it (its size, with a background collection's
    /// swept free space), and what of generation 2 survived it (its live objects).</summary>
    private sealed record FullCollection(DateTime At, long Number, string Reason, string Type, double Gen2BeforeMiB, double Gen2AfterMiB, double Gen2SurvivedMiB);

    /// <summary>
    /// The server's runtime counters (the managed heap, GC, thread pool), read from outside
    /// over the runtime's own diagnostics port (EventPipe, the local socket every .NET process opens for its own
    /// user, which dotnet-counters reads): nothing is added to the app. The latest value of each counter is kept,
    /// and the running total of each incrementing one (the collections of each generation: System.Runtime's
    /// gen-0-gc-count counts every collection, gen-1 those of generation 1 or 2, gen-2 the full ones). In the same
    /// session, the runtime's GC events (GCStart, GCEnd, GCHeapStats at the Informational level, as dotnet-trace's
    /// gc-collect profile reads them): each full collection with generation 2 before and after it and what survived.
    /// </summary>
    private sealed class RuntimeCounters : IDisposable
    {
        private readonly Dictionary<string, double> latest = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double> totals = new(StringComparer.Ordinal);
        private readonly List<FullCollection> fullCollections = [];
        private readonly Dictionary<long, (DateTime At, string Reason, string Type, double Gen2Before)> fullStarted = [];
        private double lastGen2MiB;
        private long lastEnded = -1;
        private long collectionsSeen;
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
            source.Clr.GCStart += OnGcStart;
            source.Clr.GCStop += OnGcEnd;
            source.Clr.GCHeapStats += OnHeapStats;
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
                    new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
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
            var isIncrement = !payload.ContainsKey("Mean") && payload.ContainsKey("Increment");
            var value = payload.TryGetValue("Mean", out var mean) ? mean : payload.TryGetValue("Increment", out var increment) ? increment : null;
            if (value is null)
            {
                return;
            }
            var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            lock (latest)
            {
                latest[(string)name] = number;
                if (isIncrement)
                {
                    totals[(string)name] = totals.GetValueOrDefault((string)name) + number;
                }
            }
        }

        // The events of one collection come as GCStart, GCEnd, then GCHeapStats (the sizes after it); a background
        // full collection's GCEnd and GCHeapStats come after those of the ephemeral collections that ran during it.
        private void OnGcStart(GCStartTraceData e)
        {
            lock (latest)
            {
                collectionsSeen++;
                if (e.Depth == 2)
                {
                    fullStarted[e.Count] = (DateTime.UtcNow, e.Reason.ToString(), e.Type.ToString(), lastGen2MiB);
                }
            }
        }

        private void OnGcEnd(GCEndTraceData e)
        {
            lock (latest)
            {
                lastEnded = e.Count;
            }
        }

        private void OnHeapStats(GCHeapStatsTraceData e)
        {
            lock (latest)
            {
                var gen2 = e.GenerationSize2 / 1048576.0;
                if (fullStarted.Remove(lastEnded, out var started))
                {
                    fullCollections.Add(new FullCollection(started.At, lastEnded, started.Reason, started.Type, started.Gen2Before, gen2, e.TotalPromotedSize2 / 1048576.0));
                }
                lastGen2MiB = gen2;
            }
        }

        /// <summary>The running total of an incrementing counter (collections) since the session began.</summary>
        public double? Total(string name)
        {
            lock (latest)
            {
                return totals.TryGetValue(name, out var v) ? v : null;
            }
        }

        /// <summary>The full collections seen so far, in order.</summary>
        public List<FullCollection> FullCollections()
        {
            lock (latest)
            {
                return [.. fullCollections];
            }
        }

        /// <summary>Collections of any generation seen in the GC events (a check on the counters).</summary>
        public long CollectionsSeen()
        {
            lock (latest)
            {
                return collectionsSeen;
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
