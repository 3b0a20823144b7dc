import ArgumentParser

/// `marginalia plugins …`: inspect, test, scaffold, check and lock plugins.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List, inspect, test, create, check, lock, install and share plugins.",
        discussion: """
            Plugins are found along the search path, first match wins: --plugins options,
            $MARGINALIA_PLUGIN_PATH (colon-separated), ./Plugins, then the bundled plugins.

            A typical authoring loop:
              marginalia plugins new ports --dir Plugins     # a commented starter that passes its tests
              marginalia plugins test ports                  # run its examples
              marginalia annotate examples/ --only ports     # use it
              marginalia plugins lock                        # pin exact versions for colleagues

            Sharing:
              marginalia plugins pack ports                  # ports-0.1.0.tar.gz, same bytes anywhere
              marginalia plugins install URL.git@v1.0.0      # check, copy to ./Plugins, record in the lock
              marginalia plugins sync                        # restore every plugin of marginalia.lock
              marginalia plugins update                      # newest commit of each plugin's ref
              marginalia plugins remove ports
            """,
        subcommands: [
            PluginsListCommand.self, PluginsInfoCommand.self, PluginsTestCommand.self,
            PluginsNewCommand.self, PluginsCheckCommand.self, PluginsLockCommand.self,
            PluginsInstallCommand.self, PluginsSyncCommand.self, PluginsUpdateCommand.self,
            PluginsRemoveCommand.self, PluginsPackCommand.self,
        ]
    )
}
