using System.Text.Json;
using MonitoringSre.Gate;

namespace MonitoringSre.Adapters;

/// <summary>
/// The project's appsettings*.json as key paths and values (Logging:Console:FormatterName = json), for wiring a library
/// takes from configuration rather than code. A file that is not valid JSON contributes nothing.
/// </summary>
public static class AppSettingsReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static IReadOnlyList<ConfigSetting> Read(string projectDirectory)
    {
        var settings = new List<ConfigSetting>();
        if (!Directory.Exists(projectDirectory))
        {
            return settings;
        }

        foreach (var file in Directory.GetFiles(projectDirectory, "appsettings*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file), Options);
                Flatten(Path.GetFileName(file), string.Empty, doc.RootElement, settings);
            }
            catch (JsonException)
            {
                // the application would fail to start on it; that is not this gate's finding to make
            }
        }

        return settings;
    }

    private static void Flatten(string file, string path, JsonElement element, List<ConfigSetting> settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(file, path.Length == 0 ? property.Name : path + ":" + property.Name, property.Value, settings);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(file, path + ":" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture), item, settings);
                }

                break;
            default:
                settings.Add(new ConfigSetting(file, path, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()));
                break;
        }
    }
}
