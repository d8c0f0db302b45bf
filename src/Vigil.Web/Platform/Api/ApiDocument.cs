using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Vigil.Web.Platform.Api;

/// <summary>
/// The OpenAPI document as an integrator needs it to generate a client: the bearer scheme (personal access
/// tokens) required by every operation that is not anonymous, a 401 ProblemDetails on each of those, and an
/// operationId on every operation (the endpoint's name where it has one, else one made from its method and
/// route, so it is stable and unique).
/// </summary>
public static class ApiDocument
{
    public const string Scheme = "PersonalAccessToken";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vigil API";
            document.Info.Description = "Counter Terrorism Policing case, referral and coordination platform. Authenticate with a personal access token "
                + "(Account, API tokens): 'Authorization: Bearer vgl_...'. A record you may not see answers exactly as a missing one: 404.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "vgl_ personal access token",
                Description = "A personal access token, minted on the API tokens page or with `vigil tokens create`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var description = context.Description;
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
            var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            if (anonymous)
            {
                return;
            }
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            if (!operation.Responses.ContainsKey("401"))
            {
                var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: ct);
                operation.Responses["401"] = new OpenApiResponse
                {
                    Description = "No token, or one that is unknown, expired or revoked.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                };
            }
        });
    }

    /// <summary>"POST api/v1/investigations/{id:guid}/actions" becomes "postInvestigationsByIdActions".</summary>
    public static string OperationId(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s is "api" or "v1"))
        {
            if (segment.StartsWith('{'))
            {
                id.Append("By").Append(Pascal(segment.Trim('{', '}').Split(':', '=', '?')[0]));
            }
            else
            {
                id.Append(Pascal(segment));
            }
        }
        return id.ToString();
    }

    private static string Pascal(string words) =>
        string.Concat(words.Split('-', '_', '.').Where(w => w.Length > 0).Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
}
