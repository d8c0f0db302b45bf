using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Ui;

/// <summary>A link in the service navigation, contributed by the module that owns the page. Links are shown
/// in <see cref="Position"/> order, each only to those <see cref="Visible"/> admits (the page itself still
/// checks: hiding a link is a courtesy, not the rule).</summary>
public sealed record NavigationEntry(string Href, string Text, int Position, Func<AccessContext, bool> Visible);

/// <summary>A panel on the home page: a component showing the signed-in person their own work in one module
/// (their actions, the queues due, what is unread), contributed by that module. The home page runs each
/// panel's <see cref="Load"/> in turn (they share the request's database context, which takes one query at a
/// time) and gives the component what it returned as its <c>Model</c> parameter.</summary>
public sealed record HomePanel(Type Component, int Position, Func<AccessContext, bool> Visible, Func<IServiceProvider, CancellationToken, Task<object?>>? Load);

/// <summary>A line under the service navigation on every signed-in page (the threat level), contributed by the
/// module that knows it: a component that loads what it shows itself.</summary>
public sealed record HeaderLine(Type Component, int Position);

public static class Contributions
{
    public static IServiceCollection AddHeaderLine<TComponent>(this IServiceCollection services, int position)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        services.AddSingleton(new HeaderLine(typeof(TComponent), position));

    public static IServiceCollection AddNavigation(this IServiceCollection services, string href, string text, int position, Func<AccessContext, bool>? visible = null) =>
        services.AddSingleton(new NavigationEntry(href, text, position, visible ?? (_ => true)));

    /// <summary>A panel that needs no data of its own.</summary>
    public static IServiceCollection AddHomePanel<TComponent>(this IServiceCollection services, int position, Func<AccessContext, bool>? visible = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        services.AddSingleton(new HomePanel(typeof(TComponent), position, visible ?? (_ => true), null));

    /// <summary>A panel whose model one of the module's services loads (counts through the query filters).</summary>
    public static IServiceCollection AddHomePanel<TComponent, TService, TModel>(this IServiceCollection services, int position,
        Func<TService, CancellationToken, Task<TModel>> load, Func<AccessContext, bool>? visible = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
        where TService : notnull =>
        services.AddSingleton(new HomePanel(typeof(TComponent), position, visible ?? (_ => true),
            async (sp, ct) => await load(sp.GetRequiredService<TService>(), ct)));

    /// <summary>An officer of a unit (not a partner agency's member): the people who work cases.</summary>
    public static bool IsUnitOfficer(AccessContext access) => access.UnitId is not null && access.PartnerAgencyId is null;
}
