using System.Globalization;
using System.Text.Json;

namespace Tollgate.Server.Tests;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document (the JSON Schema 2020-12 subset the .NET
/// generator emits): <c>$ref</c> into the components, <c>type</c> (one or several), <c>properties</c>,
/// <c>additionalProperties</c>, <c>required</c>, <c>items</c>, <c>enum</c>, <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>,
/// <c>format: date-time</c>. An object member the schema does not declare is a failure.
/// </summary>
internal static class SchemaCheck
{
    public static IEnumerable<string> Validate(JsonElement document, JsonElement schema, JsonElement value, string at)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            yield break;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/components/schemas/".Length..];
            foreach (var problem in Validate(document, document.GetProperty("components").GetProperty("schemas").GetProperty(name), value, at))
            {
                yield return problem;
            }

            yield break;
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var choices))
            {
                if (!choices.EnumerateArray().Any(choice => !Validate(document, choice, value, at).Any()))
                {
                    yield return $"{at}: matches none of {keyword}";
                }

                yield break;
            }
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                foreach (var problem in Validate(document, part, value, at))
                {
                    yield return problem;
                }
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
            {
                allowed.Add("null");
            }

            if (!allowed.Any(t => Is(value, t)))
            {
                yield return $"{at}: {value.ValueKind} where the schema says {string.Join("|", allowed)}";
                yield break;
            }
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.ToString() == value.ToString()))
        {
            yield return $"{at}: '{value}' is not one of the documented values";
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
            && !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return $"{at}: '{value}' is not a date-time";
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : default;
            foreach (var member in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
                {
                    foreach (var problem in Validate(document, memberSchema, member.Value, $"{at}.{member.Name}"))
                    {
                        yield return problem;
                    }
                }
                else if (additional.ValueKind is JsonValueKind.Object or JsonValueKind.True)
                {
                    foreach (var problem in Validate(document, additional, member.Value, $"{at}.{member.Name}"))
                    {
                        yield return problem;
                    }
                }
                else
                {
                    yield return $"{at}.{member.Name}: not documented";
                }
            }

            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
                {
                    yield return $"{at}.{name}: required, missing";
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                foreach (var problem in Validate(document, items, item, $"{at}[{index}]"))
                {
                    yield return problem;
                }

                index++;
            }
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => false,
    };
}
