using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Purchasing.Features.Shared;

/// <summary>
/// A handler's answer as status and JSON, so the first answer to an <c>Idempotency-Key</c> can be stored and
/// returned again byte for byte. Problems are RFC 9457 problem details with a machine-readable <c>reason</c>.
/// </summary>
public sealed record Answer(int StatusCode, string Json, string? Location = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public JsonElement Body => JsonDocument.Parse(Json).RootElement;

    public static Answer Ok(object body) => new(StatusCodes.Status200OK, JsonSerializer.Serialize(body, JsonOptions));

    public static Answer Created(string location, object body) => new(StatusCodes.Status201Created, JsonSerializer.Serialize(body, JsonOptions), location);

    public static Answer Problem(int status, string reason, string title, string detail) =>
        new(status, JsonSerializer.Serialize(new ProblemDetails
        {
            Type = $"https://localoffer.example/problems/{reason}",
            Title = title,
            Status = status,
            Detail = detail,
            Extensions = { ["reason"] = reason },
        }, JsonOptions));

    public static Answer NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"{what} was not found", $"{what} does not exist, or your account cannot see it.");

    public IResult ToResult(bool replayed = false) => new AnswerResult(this, replayed);

    private sealed class AnswerResult(Answer answer, bool replayed) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = answer.StatusCode;
            context.Response.ContentType = answer.IsSuccess ? "application/json; charset=utf-8" : "application/problem+json; charset=utf-8";
            if (answer.Location is not null)
            {
                context.Response.Headers.Location = answer.Location;
            }

            if (replayed)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.Json)).AsTask();
        }
    }
}
