import ArgumentParser

/// `marginalia plugins …`: inspect, test, scaffold, check and lock plugins.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List, inspect, test, create, check and lock plugins.",
        discussion: """
            Plugins are found along the search path, first match wins: --plugins options,
            $MARGINALIA_PLUGIN_PATH (colon-separated), ./Plugins, then the bundled plugins.

            A typical authoring loop:
              marginalia plugins new ports --dir Plugins     # a commented starter that passes its tests
              marginalia plugins test ports                  # run its examples
              marginalia annotate examples/ --only ports     # use it
              marginalia plugins lock                        # pin exact versions for colleagues
            """,
        subcommands: [
            PluginsListCommand.self, PluginsInfoCommand.self, PluginsTestCommand.self,
            PluginsNewCommand.self, PluginsCheckCommand.self, PluginsLockCommand.self,
        ]
    )
}
