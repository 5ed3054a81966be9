def call(Map args) {
  withEnv(["SLACK_BOT_TOKEN=your-api-key-here"]) {
    sh "./gradlew publish -Pstage=${args.stage}"
  }
}
