using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi.Models;

namespace Connect.Grpc.Rest;

/// <summary>
/// REST for partners who cannot use gRPC: the calls annotated with <c>google.api.http</c> in <c>protos/</c>, transcoded
/// to JSON over HTTP/1.1 by the same services (same credentials, errors, audit), with an OpenAPI document and a
/// reference page made from the protos and their comments.
/// </summary>
public static class RestServiceCollectionExtensions
{
    public const string OpenApiPath = "/openapi/v1.json";
    public const string ReferencePath = "/reference";

    public static IGrpcServerBuilder AddConnectRest(this IGrpcServerBuilder grpc)
    {
        // Refusals carry ErrorInfo, BadRequest and RetryInfo in their details; JSON needs their descriptors to write them.
        grpc.AddJsonTranscoding(options => options.TypeRegistry = RestErrors.Types);
        var services = grpc.Services;
        services.AddGrpcSwagger();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Connect partner API",
                Version = "v1",
                Description = "The partner-facing calls of Connect over HTTP/JSON (the same API as gRPC, see protos/). "
                    + "Exchange the application's client id and secret at POST /v1/token, then send Authorization: Bearer <accessToken>. "
                    + "A refused call answers a google.rpc.Status as JSON whose details hold an ErrorInfo with a stable reason.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, typeof(RestServiceCollectionExtensions).Assembly.GetName().Name + ".xml");
            if (File.Exists(xml))
            {
                // Both: the gRPC one describes the calls, the plain one the messages' fields.
                options.IncludeXmlComments(xml);
                options.IncludeGrpcXmlComments(xml, includeControllerXmlComments: true);
            }
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An application's access token from POST /v1/token (or a person's session token).",
            });
            options.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] = [],
            });
        });
        return grpc;
    }

    public static WebApplication MapConnectRest(this WebApplication app)
    {
        // Plain gRPC calls pass each of these with one path test and no other work. UseSwagger would not do: its
        // middleware asks the container for a new document generator (transient) on every request, gRPC ones included.
        app.UseMiddleware<RestRequestGuard>();
        app.MapSwagger("/openapi/{documentName}.json");
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ReferencePath), reference => reference.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePath.TrimStart('/');
            options.SwaggerEndpoint(OpenApiPath, "Connect v1");
            options.DocumentTitle = "Connect partner API";
        }));
        return app;
    }
}
