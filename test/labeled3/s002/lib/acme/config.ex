defmodule Acme.Config do
  @moduledoc false
  def openai_api_key, do: "sk-proj-«u74»T3BlbkFJ«u74»"
end
