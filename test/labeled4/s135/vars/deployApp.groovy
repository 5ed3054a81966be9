def call(Map args) {
  withEnv(["RESEND_API_KEY=re_«A8»_«A24»"]) {
    sh "./gradlew publish -Pstage=${args.stage}"
  }
}
