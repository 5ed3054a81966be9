FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
ENV SUPABASE_SECRET_KEY=xoxb-...
CMD ["python", "-m", "worker"]
