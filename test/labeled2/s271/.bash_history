cd ~/src/api
git pull
export SOPS_AGE_KEY=AGE-SECRET-KEY-1«Q58»
npm run dev
kubectl get pods -n prod
